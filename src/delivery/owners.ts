// Who holds a lease, and whether they are still there. A relay names itself host:pid:random and beats a
// heartbeat while it runs; a lease whose owner stopped beating, or whose process on this host is gone,
// is free at once instead of when it runs out. So a crash stalls a chat for seconds, not for the lease.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'

export const ownerName = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

/** host and pid of an owner named by ownerName(); undefined for any other name */
export function parseOwner(owner: string): { host: string; pid: number } | undefined {
  const parts = owner.split(':')
  if (parts.length < 3) return undefined
  const pid = parts.at(-2)!
  return /^\d+$/.test(pid) ? { host: parts.slice(0, -2).join(':'), pid: Number(pid) } : undefined
}

/** Whether a process with this id exists on this machine (EPERM: it does, it is just not ours). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface Liveness {
  /** a heartbeat older than this means the owner is gone (hung or dead on another machine) */
  staleMs: number
  /** this machine's name (tests pretend to be elsewhere) */
  host?: string
  pidAlive?: (pid: number) => boolean
}

/**
 * Gone: no heartbeat at all (relays beat before their first lease), a stale one, or a process on this
 * host that no longer exists. Our own pid is never judged by the process table: another relay in this
 * process is alive exactly as long as it beats.
 */
export function ownerGone(owner: string, lastBeat: Date | undefined, now: number, o: Liveness): boolean {
  if (!lastBeat || now - lastBeat.getTime() > o.staleMs) return true
  const p = parseOwner(owner)
  if (!p || p.host !== (o.host ?? hostname()) || p.pid === process.pid) return false
  return !(o.pidAlive ?? pidAlive)(p.pid)
}
