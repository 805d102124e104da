'use strict';
/**
 * Where the CPU went during a scenario: the server process and this load generator (both Node), as a share of one
 * core. On a 2-core machine shared with PostgreSQL, a server near 100% is CPU-bound in JavaScript, and a load
 * generator near 100% would mean the figures measure the client, not Tollgate.
 */
const fs = require('node:fs');

const TICKS_PER_SECOND = 100; // Linux USER_HZ (getconf CLK_TCK)

/** utime + stime of a process in seconds, or null where /proc is not available. */
function processCpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine (all cores), from the first line of /proc/stat. */
function machineJiffies() {
  try {
    const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
    const numbers = values.map(Number);
    const idle = numbers[3] + (numbers[4] ?? 0); // idle + iowait
    const total = numbers.reduce((a, b) => a + b, 0);
    // steal: time the hypervisor gave this VM's cores to another guest; it shows up as latency nobody here caused.
    return { busy: total - idle, total, steal: numbers[7] ?? 0 };
  } catch {
    return null;
  }
}

/** Starts a measurement; the returned function gives each process's share of a core since then. */
function cpuMeter(serverPid = null) {
  const startedAt = process.hrtime.bigint();
  const server0 = serverPid === null ? null : processCpuSeconds(serverPid);
  const self0 = process.cpuUsage();
  const machine0 = machineJiffies();
  return () => {
    const machine1 = machineJiffies();
    const elapsed = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const server1 = serverPid === null ? null : processCpuSeconds(serverPid);
    const self = process.cpuUsage(self0);
    return {
      serverCore: server0 === null || server1 === null ? null : (server1 - server0) / elapsed,
      loadGeneratorCore: (self.user + self.system) / 1e6 / elapsed,
      /** Share of all cores busy (PostgreSQL, the server, the clients, everything else). */
      machineBusy: machine0 && machine1 ? (machine1.busy - machine0.busy) / (machine1.total - machine0.total) : null,
      /** Share of all cores taken by the hypervisor for other guests (counted in machineBusy too). */
      machineSteal: machine0 && machine1 ? (machine1.steal - machine0.steal) / (machine1.total - machine0.total) : null,
    };
  };
}

/** How busy the machine is before the bench starts: other work here makes every figure lower and noisier. */
async function backgroundBusy(ms = 1000) {
  const meter = cpuMeter();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return meter().machineBusy;
}

module.exports = { cpuMeter, backgroundBusy };
