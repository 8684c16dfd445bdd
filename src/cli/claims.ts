// CLI commands for settlement: `chain settle ID` (round, draw, winner, state)
// and `claim …` (claim a prize as the winner; list claims).
import { UsageError } from './args.js'
import type { Args } from './args.js'
import type { ApiClient } from '../api/client.js'

type Api = () => Promise<ApiClient>

export const CLAIM_HELP = `settlement
  chain settle ID [--peer PEERID]       beacon round (or "waiting for round N"), draw, winning leaf, state
  claim --chain ID --user NAME [--peer PEERID] [--payee NAME@PEERID] [--wait MS]
                                        claim the chain's value as the winning leaf's owner (or the
                                        winning child chain's operator); prints the operator's receipt,
                                        or the pending claim (retried in the background) after MS (15000)
  claim list                            claims this node sent and received
`

function noExtra (extra: Array<string | undefined>): void {
  const e = extra.filter(x => x != null)
  if (e.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(e[0])}`)
}

export async function settleCommand (args: Args, api: Api, rest: string[]): Promise<unknown> {
  const id = rest[0]
  if (id == null) throw new UsageError('chain ID is required')
  noExtra(rest.slice(1))
  const peer = args.one('peer')
  args.checkUnused()
  const q = peer != null ? `?peer=${encodeURIComponent(peer)}` : ''
  return await (await api()).get(`/chains/${encodeURIComponent(id)}/settlement${q}`)
}

export async function claimCommand (args: Args, api: Api, sub: string | undefined, rest: string[]): Promise<unknown> {
  if (sub === 'list') {
    noExtra(rest)
    args.checkUnused()
    return await (await api()).get('/claims')
  }
  noExtra([sub, ...rest])
  const body = { chain: args.required('chain'), user: args.required('user'), peer: args.one('peer'), payee: args.one('payee'), wait: args.one('wait') }
  args.checkUnused()
  return await (await api()).post('/claims', body)
}
