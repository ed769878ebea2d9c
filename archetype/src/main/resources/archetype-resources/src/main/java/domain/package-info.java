/** The {@code TodoList} aggregate, its commands and its events. */
package ${package}.domain;
