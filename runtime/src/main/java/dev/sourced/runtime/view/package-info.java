/** Views: in-memory storage behind {@link dev.sourced.api.Views}, used by the test kit and the local cloud. */
package dev.sourced.runtime.view;
