/** A TCP port on 127.0.0.1 that nothing listens on right now, for a process a test starts: the sandbox's own. */
export { freePort } from '../../sandbox/free-port.js';
