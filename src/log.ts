// One logger for the process; tests pass a silent one.
import { pino, type Logger } from 'pino'

export type { Logger }
export const createLogger = (level = process.env.LOG_LEVEL ?? 'info'): Logger =>
  pino({ level, base: undefined }, pino.destination(2))
export const silentLogger = (): Logger => pino({ level: 'silent' })
