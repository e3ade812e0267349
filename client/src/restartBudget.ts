/**
 * How often a crashed language server is restarted: at most `max` restarts within any `windowMs`,
 * so a server that crashes on start-up does not spin forever. Pure, so it is tested without VS Code.
 */
export class RestartBudget {
  private readonly restarts: number[] = [];

  constructor(
    readonly max = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server may be restarted once more. */
  tryRestart(): boolean {
    const t = this.now();
    while (this.restarts.length > 0 && t - (this.restarts[0] ?? t) >= this.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.max) return false;
    this.restarts.push(t);
    return true;
  }

  /** Restarts granted within the current window. */
  get used(): number {
    return this.restarts.length;
  }
}

/**
 * What to do when the server's connection closed unexpectedly, and what to tell the person:
 * either way they learn that the server stopped, so missing diagnostics are never a mystery.
 */
export function afterCrash(budget: RestartBudget): { restart: boolean; message: string } {
  const minutes = budget.windowMs / 60_000;
  if (budget.tryRestart()) {
    return { restart: true, message: `Pod Security: the language server stopped unexpectedly and was restarted (restart ${budget.used} of ${budget.max} allowed in ${minutes} minutes).` };
  }
  return { restart: false, message: `Pod Security: the language server crashed ${budget.max + 1} times in the last ${minutes} minutes and will not be restarted.` };
}
