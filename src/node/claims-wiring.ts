// Wires settlement for the composition root: the claim protocol, the claim
// repository, and the adapters between ClaimService and the beacon, the
// oracle store and the payment services.
import type { SortliftHost } from '../net/libp2p.js'
import type { RootDb } from '../store/db.js'
import { ClaimNetwork } from '../net/claim-network.js'
import { ClaimRepository } from '../store/claim-repo.js'
import { ClaimService } from '../sortition/claims.js'
import type { BeaconSource, FollowedChains } from '../sortition/claims.js'
import type { OperatorService } from '../sortition/operator.js'
import type { GossipServices } from './gossip-services.js'
import type { UserService } from '../user/users.js'
import type { TallyService } from '../tally/service.js'
import type { LiftService } from '../lift/service.js'
import type { Attestation } from '../sortition/attestation.js'
import { fromHex } from '../crypto/bytes.js'
import { encodeBeaconRound } from '../beacon/wire.js'
import { payWith, paymentFinder } from './sortition-wiring.js'

export interface ClaimServices {
  claimNet: ClaimNetwork
  claims: ClaimService
  stop: () => Promise<void>
}

/**
 * Rounds this node holds (verified when they arrived) of the network it
 * follows; a round offered by a peer goes through the beacon topic's own
 * validation (verified against the network, then stored).
 */
export function beaconSource (gossip: GossipServices, localPeer: string): BeaconSource {
  return {
    network: () => gossip.beacon.network,
    offer: async (round, signature) => {
      const network = gossip.beacon.network
      if (network == null || !Number.isSafeInteger(round) || round < 1 || signature.length !== 48) return
      await gossip.beacon.validate(encodeBeaconRound({ chainHash: network.chainHash, round: BigInt(round), signature }), localPeer)
    },
    signature: async (round) => {
      if (!Number.isSafeInteger(round) || round < 1) return undefined
      try {
        return fromHex((await gossip.beacon.show(BigInt(round))).signature)
      } catch {
        return undefined
      }
    }
  }
}

/**
 * A payment local user `from` already made to `to` with `reference`: a
 * payment chit on one of its tallies with `to`, or a lift it paid. An
 * undecided lift is "pending" (it may still succeed); a void one never paid.
 */
export function ownPaymentFinder (tallies: TallyService, lifts: LiftService, localPeer: string): (input: { from: string, to: string, reference: string }) => Promise<string | 'pending' | undefined> {
  return async ({ from, to, reference }) => {
    for (const t of await tallies.list(from)) {
      if (t.partner !== to) continue
      const chit = (await tallies.chain(t.id, from)).find(c => c.type === 'payment' && c.issuer === t.side && c.reference === reference)
      if (chit != null) return `tally:${t.id}:${chit.chitId}`
    }
    let pending = false
    for (const l of await lifts.list()) {
      if (l.reference !== reference || l.payer !== `${from}@${localPeer}`) continue
      if (l.state === 'good') return `lift:${l.id}`
      if (l.state !== 'void') pending = true
    }
    return pending ? 'pending' : undefined
  }
}

export async function startClaims (opts: {
  host: SortliftHost
  db: RootDb
  operator: OperatorService
  users: UserService
  tallies: TallyService
  lifts: LiftService
  gossip: GossipServices
  /** chains this node follows: settlement while their operator is out of reach */
  followed?: FollowedChains
  retryMs?: number
  now?: () => number
  log?: (m: string) => void
}): Promise<ClaimServices> {
  const localPeer = opts.host.peerId.toString()
  const claimNet = new ClaimNetwork(opts.host)
  const claims = new ClaimService({
    operator: opts.operator,
    ...(opts.followed != null ? { followed: opts.followed } : {}),
    repo: new ClaimRepository(opts.db),
    transport: claimNet,
    users: opts.users,
    beacon: beaconSource(opts.gossip, localPeer),
    attestations: async (question) => (await opts.gossip.oracle.list(question)).map((a): Attestation => ({
      oracle: fromHex(a.oracle), question: a.question, outcome: a.outcome, signature: fromHex(a.signature)
    })),
    pay: payWith(opts.lifts),
    findOwnPayment: ownPaymentFinder(opts.tallies, opts.lifts, localPeer),
    findPayment: paymentFinder(opts.tallies, opts.lifts),
    localPeer,
    retryMs: opts.retryMs,
    now: opts.now,
    log: opts.log
  })
  await claimNet.start(claims)
  await claims.start()
  return {
    claimNet,
    claims,
    stop: async () => {
      await claimNet.stop()
      await claims.stop()
    }
  }
}
