// One clock for every thread of the benchmark: the process-wide monotonic clock, in milliseconds.
export const now = () => {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
};
