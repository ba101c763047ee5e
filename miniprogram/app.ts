/**
 * The app itself holds no state: services/ choose the transport lazily on first use, so launching
 * costs no network call and the first screen after a scan needs exactly one cloud call.
 */
App({});
