import { ErrorCode } from '../../protos/tally.js'

export { ErrorCode }

/** A rejection with a wire error code; thrown by domain checks and returned to peers. */
export class TallyError extends Error {
  constructor (readonly code: ErrorCode, message: string) {
    super(message)
    this.name = 'TallyError'
  }
}

export function reject (code: ErrorCode, message: string): never {
  throw new TallyError(code, message)
}
