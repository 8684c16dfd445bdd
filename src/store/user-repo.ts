// Users hosted by this node, with their private keys (the node signs for them).
import { textSub } from './db.js'
import type { RootDb, Sub } from './db.js'
import { fromBase64, toBase64 } from '../crypto/bytes.js'

export interface UserRecord {
  name: string
  publicKey: Uint8Array<ArrayBuffer>
  /** protobuf-encoded libp2p private key */
  secret: Uint8Array
  created: number
}

export class UserRepository {
  private readonly sub: Sub<string>

  constructor (db: RootDb) {
    this.sub = textSub(db, 'users')
  }

  async get (name: string): Promise<UserRecord | undefined> {
    const raw = await this.sub.get(name)
    return raw == null ? undefined : decode(raw)
  }

  async put (user: UserRecord): Promise<void> {
    await this.sub.put(user.name, encode(user))
  }

  async list (): Promise<UserRecord[]> {
    const out: UserRecord[] = []
    for await (const v of this.sub.values()) out.push(decode(v))
    return out
  }
}

function encode (u: UserRecord): string {
  return JSON.stringify({ name: u.name, publicKey: toBase64(u.publicKey), secret: toBase64(u.secret), created: u.created })
}

function decode (raw: string): UserRecord {
  const o = JSON.parse(raw)
  return { name: o.name, publicKey: fromBase64(o.publicKey), secret: fromBase64(o.secret), created: o.created }
}
