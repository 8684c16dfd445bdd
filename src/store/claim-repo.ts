// Claims of sortition prizes, on both sides. An operator's node keeps, per
// chain it operates, the claim it is paying or has paid (sublevel
// `claims-received`): the intent is written before the payment, and the claim,
// payment evidence and receipt are written together once paid. A claimant's
// node keeps, per chain, the claim it sends and what came of it (sublevel
// `claims-sent`), so it retries after a restart. Values are JSON.
import { textSub } from './db.js'
import type { RootDb, Sub } from './db.js'

export interface ReceiptJson {
  /** receipt signing bytes, hex */
  signing: string
  /** the operator's signature, hex */
  signature: string
}

export interface ReceivedClaim {
  chainId: string
  claimHash: string
  /** the claim record, hex */
  record: string
  payee: string
  units: string
  /** the payment's reference: "sortition-claim:<claim hash hex>" */
  reference: string
  /** local user operating the chain: who pays and signs the receipt */
  operatorUser: string
  received: number
  /** paying: intent recorded, a payment may or may not have been made; paid: receipt signed */
  state: 'paying' | 'paid'
  attempts: number
  lastError?: string
  payment?: string
  receipt?: ReceiptJson
  paid?: number
}

export interface SentClaim {
  chainId: string
  /** local user who signed the claim */
  user: string
  /** the operator's PeerId (from the chain record) */
  operatorPeer: string
  claimHash: string
  /** the claim record, hex */
  record: string
  payee: string
  /** pending: retried until an answer is final; paid: a verified receipt; failed: a final refusal */
  state: 'pending' | 'paid' | 'failed'
  created: number
  attempts: number
  lastError?: { code: string, message: string }
  receipt?: ReceiptJson
  /** the payee is a local user and its node holds the payment the receipt names */
  paymentSeen?: boolean
  /** past its deadline and still pending: when this node accused the operator (UNPAID_CLAIM evidence) and what came of it */
  accused?: { at: number, evidence?: string, note: string }
}

export class ClaimRepository {
  private readonly received: Sub<string>
  private readonly sent: Sub<string>

  constructor (db: RootDb) {
    this.received = textSub(db, 'claims-received')
    this.sent = textSub(db, 'claims-sent')
  }

  async getReceived (chainId: string): Promise<ReceivedClaim | undefined> {
    const raw = await this.received.get(chainId)
    return raw == null ? undefined : JSON.parse(raw)
  }

  async putReceived (c: ReceivedClaim): Promise<void> {
    await this.received.put(c.chainId, JSON.stringify(c))
  }

  async listReceived (): Promise<ReceivedClaim[]> {
    const out: ReceivedClaim[] = []
    for await (const v of this.received.values()) out.push(JSON.parse(v))
    return out
  }

  async getSent (chainId: string): Promise<SentClaim | undefined> {
    const raw = await this.sent.get(chainId)
    return raw == null ? undefined : JSON.parse(raw)
  }

  async putSent (c: SentClaim): Promise<void> {
    await this.sent.put(c.chainId, JSON.stringify(c))
  }

  async listSent (): Promise<SentClaim[]> {
    const out: SentClaim[] = []
    for await (const v of this.sent.values()) out.push(JSON.parse(v))
    return out
  }
}
