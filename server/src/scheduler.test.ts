import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationScheduler, type Clock } from './scheduler';

/** A clock that moves only when told, with the timers it was asked for. */
class FakeClock implements Clock {
  time = 1_000;
  readonly timers = new Map<number, { at: number; callback: () => void }>();
  private next = 0;

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.timers.set(++this.next, { at: this.time + ms, callback });
    return this.next;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves time forward, firing the timers that fall due. */
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at > this.time) continue;
      this.timers.delete(id);
      timer.callback();
    }
  }
}

/** Runs that finish when the test says so. */
function harness(minGapMs = 50) {
  const clock = new FakeClock();
  const runs: Array<{ uri: string; finish: (ok?: boolean) => Promise<void> }> = [];
  const scheduler = new ValidationScheduler(
    (uri) =>
      new Promise<void>((resolve, reject) => {
        runs.push({
          uri,
          finish: async (ok = true) => {
            if (ok) resolve();
            else reject(new Error('boom'));
            // Let the scheduler's continuation run.
            await new Promise((r) => setImmediate(r));
          },
        });
      }),
    clock,
    minGapMs,
  );
  return { clock, runs, scheduler };
}

describe('ValidationScheduler', () => {
  it('runs the first request after a quiet period at once', () => {
    const { runs, scheduler } = harness();
    scheduler.request('a');
    assert.deepEqual(runs.map((r) => r.uri), ['a']);
  });

  it('coalesces requests made while running into one run after the gap', async () => {
    const { clock, runs, scheduler } = harness();
    scheduler.request('a');
    for (let i = 0; i < 1000; i++) scheduler.request('a');
    assert.equal(runs.length, 1);
    clock.advance(10);
    await runs[0]?.finish();
    assert.equal(runs.length, 1, 'not at once: the server was busy');
    assert.equal(clock.timers.size, 1);
    clock.advance(49);
    assert.equal(runs.length, 1);
    clock.advance(1);
    assert.equal(runs.length, 2, 'one run for the whole burst, 50 ms after the last ended');
    await runs[1]?.finish();
    assert.equal(clock.timers.size, 0, 'nothing more was requested');
  });

  it('runs a request made after a run ended at once: only requests made while running wait', async () => {
    const { clock, runs, scheduler } = harness();
    scheduler.request('a');
    await runs[0]?.finish();
    clock.advance(1);
    scheduler.request('a');
    assert.equal(runs.length, 2, 'a keystroke after the last result is validated at once');
    scheduler.request('a');
    assert.equal(runs.length, 2, 'one made while that runs waits');
  });

  it('waits as long as the last run took, when that is longer than the minimum gap', async () => {
    const { clock, runs, scheduler } = harness();
    scheduler.request('a');
    clock.advance(400);
    scheduler.request('a');
    await runs[0]?.finish();
    clock.advance(399);
    assert.equal(runs.length, 1);
    clock.advance(1);
    assert.equal(runs.length, 2);
  });

  it('runs at once again after a quiet period', async () => {
    const { clock, runs, scheduler } = harness();
    scheduler.request('a');
    await runs[0]?.finish();
    clock.advance(50);
    scheduler.request('a');
    assert.equal(runs.length, 2);
  });

  it('keeps documents apart', async () => {
    const { runs, scheduler } = harness();
    scheduler.request('a');
    scheduler.request('b');
    scheduler.request('a');
    assert.deepEqual(runs.map((r) => r.uri), ['a', 'b']);
  });

  it('forgets a closed document: no pending run fires, a running one is not repeated', async () => {
    const { clock, runs, scheduler } = harness();
    scheduler.request('a');
    scheduler.request('a');
    await runs[0]?.finish();
    assert.equal(clock.timers.size, 1, 'the run for the request made while running waits');
    scheduler.forget('a');
    assert.equal(clock.timers.size, 0);
    clock.advance(1000);
    scheduler.request('b');
    scheduler.request('b');
    scheduler.forget('b');
    await runs[1]?.finish();
    clock.advance(1000);
    assert.deepEqual(runs.map((r) => r.uri), ['a', 'b']);
  });

  it('goes on after a run fails', async () => {
    const { clock, runs, scheduler } = harness();
    scheduler.request('a');
    scheduler.request('a');
    await runs[0]?.finish(false);
    clock.advance(50);
    assert.equal(runs.length, 2);
  });
});
