// Wires UNPAID_CLAIM evidence between settlement and evidence (PROTOCOL.md
// §8.24), so that neither service imports the other:
// - the claimant's side: a claim still pending past its deadline is published
//   as UNPAID_CLAIM evidence (ClaimService's sweep calls the accuser once);
// - the operator's side: UNPAID_CLAIM evidence against a chain this node
//   operates is answered (ClaimService.answerAccusation pays if it owes, then
//   the receipt; or the final settlement for a stale claim), and a payment
//   made later (the sweep) is published as an answer while accusations on its
//   chain are open. Open accusations held at start are answered too.
import { fromHex, toHex } from '../crypto/bytes.js'
import type { ClaimService } from '../sortition/claims.js'
import type { OperatorService } from '../sortition/operator.js'
import type { EvidenceServices } from './evidence-wiring.js'
import { decodeClaim } from '../sortition/claim-encoding.js'
import { EvidenceError } from '../sortition/evidence-errors.js'
import type { EvidenceAnswer } from '../sortition/evidence-answer.js'
import type { StoredEvidence } from '../store/evidence-repo.js'

export function wireUnpaidClaims (opts: { evidence: EvidenceServices, claims: ClaimService, operator: Pick<OperatorService, 'isOperated'>, log?: (m: string) => void }): void {
  const { service } = opts.evidence
  const log = (m: string): void => opts.log?.(m)

  opts.claims.setAccuser(async (record) => {
    const claim = decodeClaim(record)
    try {
      const r = await service.submit({ kind: 'UNPAID_CLAIM', chain: claim.chain, claim })
      return { done: true, evidence: r.id, note: `UNPAID_CLAIM evidence ${r.id} ${r.stored ? 'stored and' : 'already held,'} published to ${r.recipients} peers` }
    } catch (err) {
      if (!(err instanceof EvidenceError)) throw err // our own failure: the next sweep tries again
      // not yet by this node's clock, or no beacon to judge with: later
      if (err.code === 'NOT_DUE' || err.code === 'NO_BEACON') return { done: false, note: `not published yet: ${err.code}: ${err.message}` }
      return { done: true, note: `not published: ${err.code}: ${err.message}` }
    }
  })

  const publish = async (a: EvidenceAnswer): Promise<void> => {
    const r = await service.submitAnswer(a)
    log(`answer ${r.id} (${r.kind}) on chain ${r.chainId}: ${r.stored ? 'stored' : 'already held'}, cleared ${r.cleared.length} marks here, published to ${r.recipients} peers`)
  }

  const answer = (e: StoredEvidence): void => {
    if (e.kind !== 'UNPAID_CLAIM' || e.answered != null || e.evidence.claim == null || !opts.operator.isOperated(e.chainId)) return
    void (async () => {
      const a = await opts.claims.answerAccusation(fromHex(e.evidence.claim!))
      if (a == null) log(`UNPAID_CLAIM ${e.id} against chain ${e.chainId}: cannot answer yet (the payment is pending)`)
      else await publish(a)
    })().catch((err: any) => log(`UNPAID_CLAIM ${e.id} against chain ${e.chainId} not answered: ${err?.code ?? ''} ${err?.message ?? err}`))
  }
  service.onUnpaid(answer)

  opts.claims.onPaid((chainId, record, receipt) => {
    void (async () => {
      const claim = decodeClaim(record)
      if ((await service.openUnpaid(toHex(claim.chain.operator), chainId)).length === 0) return
      await publish({ kind: 'PAID', claim, receipt })
    })().catch((err: any) => log(`payment on chain ${chainId} not published as an answer: ${err?.code ?? ''} ${err?.message ?? err}`))
  })

  // accusations that arrived while this node could not answer them (a restart)
  void (async () => {
    for (const s of await service.list()) {
      if (s.kind !== 'UNPAID_CLAIM' || s.answered != null || !opts.operator.isOperated(s.chainId)) continue
      const e = await service.show(s.id)
      if (e != null) answer(e)
    }
  })().catch((err: any) => log(`open accusations not read: ${err?.message ?? err}`))
}
