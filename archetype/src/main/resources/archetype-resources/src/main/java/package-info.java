/**
 * A to-do list application: the {@code TodoList} aggregate decides events from commands ({@code domain}), the
 * {@code todo-summary} projection folds them into a view that a query reads ({@code views}). Everything else (Lambda
 * entry points, routes, the app model, the CDK stack) is generated or built from what the processor generates.
 */
package ${package};
