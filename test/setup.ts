/**
 * vitest setup for every test file: the temp folders `tempDir` made are removed once the file's
 * own hooks have run (after-hooks run in reverse order, so this one comes last).
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers';

afterAll(() => removeTempDirs());
