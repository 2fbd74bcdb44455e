// `node --import ./test/processes/ts-register.mjs apps/<service>/src/main.ts`: see ts-hooks.mjs.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
