// The playground, for `npm start` (server.ts) and the browser tests.
export { startPlayground, type Playground, type PlaygroundOptions } from './playground';
