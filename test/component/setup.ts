// The renderer's real stylesheet: virtualization, focus rings and visually-hidden text depend on it.
import '../../src/renderer/styles.css';

import { beforeEach } from 'vitest';

import { resetStores } from './support/stores';

beforeEach(() => {
  resetStores();
});
