// A user's address is name@PeerId (DESIGN §3).
import { ErrorCode, reject } from './errors.js'

const NAME = /^[a-z0-9][a-z0-9._-]{0,31}$/
const PEER_ID = /^[1-9A-HJ-NP-Za-km-z]{40,64}$/

export interface Address {
  name: string
  peerId: string
}

export function isValidUserName (name: string): boolean {
  return NAME.test(name)
}

export function parseAddress (address: string): Address {
  const at = address.lastIndexOf('@')
  const name = address.slice(0, at)
  const peerId = address.slice(at + 1)
  if (at < 0 || !NAME.test(name) || !PEER_ID.test(peerId)) {
    reject(ErrorCode.MALFORMED, `not a user address (name@PeerId): ${JSON.stringify(address)}`)
  }
  return { name, peerId }
}

export function formatAddress (name: string, peerId: string): string {
  return `${name}@${peerId}`
}
