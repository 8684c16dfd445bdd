// Adapters between the sortition operator and the payment services: how a
// buyer's node pays (lifts.pay, evidence string) and how an operator's node
// looks up a payment it received (its tally chain, or its lift record).
import type { LiftService } from '../lift/service.js'
import type { TallyService } from '../tally/service.js'
import type { ReceivedPayment } from '../sortition/operator.js'
import { chainFail } from '../sortition/chain-errors.js'

export function payWith (lifts: LiftService): (input: { from: string, to: string, units: bigint, memo: string, reference: string }) => Promise<string> {
  return async (input) => {
    const out = await lifts.pay(input)
    if (out.route === 'direct') return `tally:${out.tallyId}:${out.chitId}`
    if (out.state !== 'good') chainFail('UNDERPAID', `the payment lift ${out.id} ended ${out.state}${out.reason != null ? `: ${out.reason}` : ''}`)
    return `lift:${out.id}`
  }
}

export function paymentFinder (tallies: TallyService, lifts: LiftService): (evidence: string, payee: string) => Promise<ReceivedPayment | undefined> {
  return async (evidence, payee) => {
    const user = payee.split('@')[0]
    const [kind, a, b] = evidence.split(':')
    try {
      if (kind === 'tally') {
        const half = await tallies.show(a, user)
        const chit = (await tallies.chain(a, user)).find(c => c.chitId === b)
        // a payment chit the partner issued to this user
        if (chit == null || chit.type !== 'payment' || chit.issuer === half.side) return undefined
        return { units: BigInt(chit.units), reference: chit.reference, payee: half.address, payer: half.partner }
      }
      if (kind === 'lift') {
        const lift = await lifts.show(a)
        if (lift.state !== 'good' || lift.payee == null) return undefined
        return { units: BigInt(lift.units), reference: lift.reference ?? '', payee: lift.payee, payer: lift.payer }
      }
    } catch {
      return undefined
    }
    return undefined
  }
}
