// Preloaded with `node --import` by test/determinism.test.ts: the clock starts at MTFS_FAKE_NOW (an
// ISO date) and runs on from there, so mtfs can be run at two very different times. mtfs itself
// never reads this variable.

const start = Date.parse(process.env.MTFS_FAKE_NOW ?? '');
if (!Number.isNaN(start)) {
  const RealDate = Date;
  const realStart = RealDate.now();
  const now = () => start + (RealDate.now() - realStart);
  class FakeDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now());
      else super(...args);
    }
    static now() {
      return now();
    }
  }
  globalThis.Date = FakeDate;
}
