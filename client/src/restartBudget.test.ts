import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterCrash, RestartBudget } from './restartBudget';

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

  it('says what happened after each crash: restarted four times, then left down', () => {
    let now = 0;
    const budget = new RestartBudget(4, minutes(3), () => now);
    const outcomes = [0, 1, 2, 3, 4].map((i) => {
      now = i * 1000;
      return afterCrash(budget);
    });
    assert.deepEqual(
      outcomes.map((o) => o.restart),
      [true, true, true, true, false],
    );
    assert.equal(outcomes[0]?.message, 'Pod Security: the language server stopped unexpectedly and was restarted (restart 1 of 4 allowed in 3 minutes).');
    assert.equal(outcomes[3]?.message, 'Pod Security: the language server stopped unexpectedly and was restarted (restart 4 of 4 allowed in 3 minutes).');
    assert.equal(outcomes[4]?.message, 'Pod Security: the language server crashed 5 times in the last 3 minutes and will not be restarted.');
  });
});
