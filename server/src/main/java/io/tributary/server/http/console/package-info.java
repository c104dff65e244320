/**
 * The web console's static files: {@code /} is the single page, {@code /console/*} its scripts and
 * styles (from {@code server/src/main/resources/console/}), {@code /console/vendor/*} the chart
 * library from its WebJar. No build step; read from the class path on each request (small files,
 * cached by the browser). Runs on the HTTP worker threads.
 */
package io.tributary.server.http.console;
