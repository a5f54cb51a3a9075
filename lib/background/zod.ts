/**
 * The one way in to zod: zod/mini, whose functions are tree-shaken (classic zod's methods pull in all
 * of it, which alone would break the background's 40 kB gzip budget), with zod's English issue
 * messages, which zod/mini leaves out unless asked. Types still flow from the schemas (`z.infer`).
 */
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config(en());

export { z };
