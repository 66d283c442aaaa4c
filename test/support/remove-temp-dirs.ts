import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.js';

// A vitest setup file: each test file's temp folders go when the file ends, after its own afterAll hooks.
afterAll(removeTempDirs);
