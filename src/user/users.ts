// Users hosted by this node: creation, lookup, and signing on their behalf.
import { UserRepository } from '../store/user-repo.js'
import type { UserRecord } from '../store/user-repo.js'
import { generateSigner, signerFromSecret } from '../crypto/keys.js'
import type { Signer } from '../crypto/keys.js'
import { formatAddress, isValidUserName } from '../tally/address.js'
import { ErrorCode, TallyError } from '../tally/errors.js'
import { toHex } from '../crypto/bytes.js'

export interface UserView {
  name: string
  address: string
  publicKey: string
  created: number
}

export class UserService {
  private readonly signers = new Map<string, Signer>()
  // Users are only ever added, so records can be cached once read.
  private readonly records = new Map<string, UserRecord>()

  constructor (private readonly repo: UserRepository, private readonly peerId: string) {}

  async add (name: string, now = Date.now()): Promise<UserView> {
    if (!isValidUserName(name)) {
      throw new TallyError(ErrorCode.MALFORMED, `invalid user name ${JSON.stringify(name)}: use 1-32 of a-z 0-9 . _ - starting with a letter or digit`)
    }
    if (await this.repo.get(name) != null) throw new TallyError(ErrorCode.DUPLICATE, `user ${name} already exists`)
    const { signer, secret } = await generateSigner()
    const record: UserRecord = { name, publicKey: signer.publicKey, secret, created: now }
    await this.repo.put(record)
    this.records.set(name, record)
    this.signers.set(name, signer)
    return this.view(record)
  }

  async get (name: string): Promise<UserRecord> {
    const u = await this.find(name)
    if (u == null) throw new TallyError(ErrorCode.UNKNOWN_USER, `no user ${JSON.stringify(name)} on this node`)
    return u
  }

  async find (name: string): Promise<UserRecord | undefined> {
    let u = this.records.get(name)
    if (u == null) {
      u = await this.repo.get(name)
      if (u != null) this.records.set(name, u)
    }
    return u
  }

  async signer (name: string): Promise<Signer> {
    let s = this.signers.get(name)
    if (s == null) {
      s = signerFromSecret((await this.get(name)).secret)
      this.signers.set(name, s)
    }
    return s
  }

  async list (): Promise<UserView[]> {
    return (await this.repo.list()).map(u => this.view(u))
  }

  view (u: UserRecord): UserView {
    return { name: u.name, address: formatAddress(u.name, this.peerId), publicKey: toHex(u.publicKey), created: u.created }
  }
}
