// Control-API endpoints for fraud evidence (added to the route table in
// server.ts): list (optionally against one operator key), show one, the marks
// on an operator, the operators' answers to UNPAID_CLAIM held for a chain,
// and submit a piece in its JSON form.
import { ApiError } from './server.js'
import { EvidenceError } from '../sortition/evidence-errors.js'
import type { EvidenceErrorCode } from '../sortition/evidence-errors.js'
import type { SortliftNode } from '../node/node.js'

type Handler = (node: SortliftNode, body: any, params: string[], query: URLSearchParams) => Promise<unknown>

// the form is wrong (400) / too big (413) / well formed but proves nothing (422) /
// not yet, or answered already (409) / this node cannot judge it (503)
const STATUS: Record<EvidenceErrorCode, number> = {
  MALFORMED: 400, UNSUPPORTED_KIND: 400, TOO_LARGE: 413, BAD_CHAIN: 422, WRONG_CHAIN: 422, BAD_SIGNATURE: 422,
  SAME_COMMITMENT: 422, HEIGHT_MISMATCH: 422, NOT_AFTER_END: 422, BAD_PROOF: 422, UNASSIGNED_LEAF: 422, HEIGHT_ORDER: 422,
  NO_OVERLAP: 422, BROKEN_CUSTODY: 422, UNSUPPORTED_OWNER: 422, NOT_FRAUD: 422,
  NOT_DUE: 409, ANSWERED: 409, NO_BEACON: 503, BAD_BEACON: 422, BAD_CLAIM: 422, BAD_RECEIPT: 422, BAD_ANSWER: 422
}

function wrap (handler: Handler): Handler {
  return async (n, b, p, q) => {
    try {
      return await handler(n, b, p, q)
    } catch (err) {
      if (err instanceof EvidenceError) throw new ApiError(STATUS[err.code], err.code, err.message)
      throw err
    }
  }
}

function key (v: string | null, name: string): string {
  if (v == null || !/^[0-9a-fA-F]{64}$/.test(v)) throw new ApiError(400, 'MALFORMED', `${name} must be an operator key of 64 hex digits`)
  return v.toLowerCase()
}

export const evidenceRoutes = [
  { method: 'GET', pattern: /^\/evidence$/, handler: wrap(async (n, _b, _p, q) => await n.evidence.service.list(q.get('operator') != null ? { operator: key(q.get('operator'), 'operator') } : {})) },
  { method: 'POST', pattern: /^\/evidence$/, handler: wrap(async (n, b) => await n.evidence.service.submitJson(b)) },
  { method: 'GET', pattern: /^\/evidence\/answers\/([0-9a-fA-F]{64})$/, handler: wrap(async (n, _b, [id]) => ({ chainId: id.toLowerCase(), answers: await n.evidence.service.answersOn(id) })) },
  { method: 'GET', pattern: /^\/evidence\/marks\/([0-9a-fA-F]{64})$/, handler: wrap(async (n, _b, [k]) => ({ operator: k.toLowerCase(), marks: await n.evidence.service.marksOf(k) })) },
  {
    method: 'GET',
    pattern: /^\/evidence\/([0-9a-fA-F]{64})$/,
    handler: wrap(async (n, _b, [id]) => {
      const e = await n.evidence.service.show(id)
      if (e == null) throw new ApiError(404, 'UNKNOWN_EVIDENCE', `no evidence ${id} here`)
      return e
    })
  }
]
