import { describe, expect, it } from 'vitest';

import { ProgressTracker } from '../../../../src/main/discovery/progress';

describe('ProgressTracker', () => {
  it('says what is being read, then how far the rights check is', () => {
    const sent: string[] = [];
    const tracker = new ProgressTracker((message) => sent.push(message), 0);
    tracker.startTenant('t1', 'Contoso');
    expect(tracker.describe().message).toBe('Reading Contoso: 0 machines so far');
    tracker.listed('t1', 'windows-vms', 1000, 10_000);
    tracker.listed('t1', 'arc-windows-machines', 1000, 2_000);
    tracker.listed('t1', 'windows-vms', 1000, 10_000);
    expect(tracker.describe()).toEqual({ message: 'Reading Contoso: 3,000 of 12,000 machines', done: 3000, total: 12_000 });
    tracker.startTenant('t2', 'Fabrikam');
    expect(tracker.describe().message).toMatch(/^Reading Contoso and 1 more: 3,000 machines so far$/);
    tracker.finishTenant('t1');
    tracker.finishTenant('t2');
    for (let i = 0; i < 5; i += 1) tracker.machineAdded();
    tracker.rightKnown();
    tracker.rightKnown();
    expect(tracker.describe()).toEqual({ message: 'Checking sign-in rights: 2 of 5 machines', done: 2, total: 5 });
    expect(sent.at(-1)).toBe('Checking sign-in rights: 2 of 5 machines');
    tracker.dispose();
  });

  it('sends at most one update per interval', () => {
    let now = 0;
    const sent: string[] = [];
    const tracker = new ProgressTracker((message) => sent.push(message), 100, () => now);
    tracker.startTenant('t', 'Contoso');
    for (let i = 0; i < 50; i += 1) tracker.listed('t', 'windows-vms', 1, 50);
    expect(sent).toHaveLength(1);
    now = 150;
    tracker.flush();
    expect(sent.at(-1)).toBe('Reading Contoso: 50 of 50 machines');
    tracker.dispose();
  });
});
