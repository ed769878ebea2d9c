/** The {@code todo-summary} projection: one view per list, and the query that reads it. */
package ${package}.views;
