// Trading variables (DESIGN §4): published by each half to its partner as setting chits.
import { ErrorCode, reject } from './errors.js'

export interface Settings {
  target: bigint
  bound: bigint
  /** parts per million */
  reward: number
  /** parts per million */
  clutch: number
}

export const PPM = 1_000_000
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ target: 0n, bound: 0n, reward: 0, clutch: 0 })

export function validateSettings (s: Settings): void {
  if (s.target < 0n || s.bound < s.target) reject(ErrorCode.MALFORMED, 'settings need 0 <= target <= bound')
  for (const [name, v] of [['reward', s.reward], ['clutch', s.clutch]] as const) {
    if (!Number.isInteger(v) || v < -PPM || v > PPM) reject(ErrorCode.MALFORMED, `${name} must be an integer ppm in [-1000000, 1000000]`)
  }
  if (s.reward + s.clutch < 0) reject(ErrorCode.MALFORMED, 'settings need reward + clutch >= 0')
}
