import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartBudget } from './restartBudget';

describe('RestartBudget', () => {
  const minutes = (n: number) => n * 60_000;

  it('allows 4 restarts within 3 minutes and refuses the 5th', () => {
    let now = 0;
    const budget = new RestartBudget(4, minutes(3), () => now);
    const answers = [0, 10_000, 20_000, 30_000, 40_000].map((t) => {
      now = t;
      return budget.tryRestart();
    });
    assert.deepEqual(answers, [true, true, true, true, false]);
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const budget = new RestartBudget(4, minutes(3), () => now);
    for (let i = 0; i < 4; i++) assert.equal(budget.tryRestart(), true);
    now = minutes(3) - 1;
    assert.equal(budget.tryRestart(), false);
    now = minutes(3);
    assert.equal(budget.tryRestart(), true, 'the first four crashes are now 3 minutes old');
  });

  it('defaults to 4 restarts in 3 minutes', () => {
    const budget = new RestartBudget();
    assert.equal(budget.max, 4);
    assert.equal(budget.windowMs, minutes(3));
  });
});
