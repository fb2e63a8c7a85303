// Every state change resets the case's timers: the old ones no longer describe it. Its own file so that
// use cases the timers call back into (a consultation deciding a case) can use it without a cycle.
import type { CaseRow, JobInsert, Tx } from '../ports.js'
import { followUpPrefix } from './follow-ups.js'
import { escalatePrefix } from './ladder.js'
import { referralPrefix, triagePrefix } from './triage.js'
import { urgentPrefix, waitingPrefix } from './urgent.js'

export async function resetTimers(tx: Tx, c: CaseRow, jobs: JobInsert[], at: Date): Promise<void> {
  await tx.cancelJobs(escalatePrefix(c.id))
  await tx.cancelJobs(followUpPrefix(c.id))
  await tx.cancelJobs(triagePrefix(c.id))
  await tx.cancelJobs(referralPrefix(c.id))
  await tx.cancelJobs(urgentPrefix(c.id))
  await tx.cancelJobs(waitingPrefix(c.id))
  await tx.schedule(jobs, at)
}
