// `sortlift evidence …`: fraud evidence this node holds, and submitting a
// piece from a JSON file (the node verifies it, stores it, marks the operator
// and publishes it on /sortlift/evidence/1).
import { readFile } from 'node:fs/promises'
import { UsageError } from './args.js'
import type { Args } from './args.js'
import type { ApiClient } from '../api/client.js'

type Api = () => Promise<ApiClient>

export const EVIDENCE_HELP = `fraud evidence (against sortition chain operators)
  evidence list [--operator KEY]          evidence this node verified (only against KEY, 64 hex digits); UNPAID_CLAIM
                                          shows "answered" once the operator answered it (its mark is then cleared)
  evidence answers CHAIN                  the operator's answers to UNPAID_CLAIM held for a chain (PAID, SUPERSEDED)
  evidence show ID                        one piece: what it proves, who relayed it, the evidence itself
  evidence submit FILE                    verify a JSON evidence file here, then store and publish it
`

const USAGE = 'usage: sortlift evidence list [--operator KEY] | evidence show ID | evidence answers CHAIN | evidence submit FILE'

function one (rest: string[], what: string): string {
  if (rest.length === 0) throw new UsageError(`${what} is required`)
  if (rest.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(rest[1])}`)
  return rest[0]
}

export async function evidenceCommand (args: Args, api: Api, sub: string | undefined, rest: string[]): Promise<unknown> {
  if (sub === 'list') {
    if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`)
    const operator = args.one('operator')
    args.checkUnused()
    if (operator != null && !/^[0-9a-fA-F]{64}$/.test(operator)) throw new UsageError('--operator must be an operator key of 64 hex digits')
    return await (await api()).get(operator == null ? '/evidence' : `/evidence?operator=${operator}`)
  }
  if (sub === 'show') {
    const id = one(rest, 'evidence ID')
    args.checkUnused()
    if (!/^[0-9a-fA-F]{64}$/.test(id)) throw new UsageError('an evidence ID is 64 hex digits')
    return await (await api()).get(`/evidence/${id}`)
  }
  if (sub === 'answers') {
    const chain = one(rest, 'CHAIN')
    args.checkUnused()
    if (!/^[0-9a-fA-F]{64}$/.test(chain)) throw new UsageError('a chain id is 64 hex digits')
    return await (await api()).get(`/evidence/answers/${chain}`)
  }
  if (sub === 'submit') {
    const file = one(rest, 'FILE')
    args.checkUnused()
    let json: unknown
    try {
      json = JSON.parse(await readFile(file, 'utf8'))
    } catch (err: any) {
      throw new UsageError(`cannot read ${file} as JSON: ${err.message}`)
    }
    return await (await api()).post('/evidence', json)
  }
  throw new UsageError(USAGE)
}
