// `sortlift beacon ...` and `sortlift oracle ...`. `beacon verify` is offline
// (no node needed); the others drive a running node through its API.
import { readFileSync } from 'node:fs'
import { Args, UsageError } from './args.js'
import { ApiClient } from '../api/client.js'
import { printHuman } from './print.js'
import { BeaconError } from '../beacon/errors.js'
import { QUICKNET } from '../beacon/networks.js'
import type { BeaconNetwork } from '../beacon/networks.js'
import { verifyBeacon } from '../beacon/verify.js'
import { toHex } from '../crypto/bytes.js'

const KNOWN: Record<string, BeaconNetwork> = { quicknet: QUICKNET }

function noExtra (extra: Array<string | undefined>): void {
  const e = extra.filter(x => x != null)
  if (e.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(e[0])}`)
}

/** A known network by name, or a JSON network description file (e.g. saved from `sortlift beacon info --json`). */
function resolveNetwork (name: string): BeaconNetwork {
  const known = KNOWN[name]
  if (known != null) return known
  let text: string
  try {
    text = readFileSync(name, 'utf8')
  } catch {
    throw new BeaconError('BAD_NETWORK', `unknown beacon network ${JSON.stringify(name)} (known: ${Object.keys(KNOWN).join(', ')}; or a JSON network description file)`)
  }
  try {
    const v = JSON.parse(text)
    return (v?.network ?? v) as BeaconNetwork
  } catch {
    throw new BeaconError('BAD_NETWORK', `${name} is not a JSON beacon network description`)
  }
}

function verify (args: Args, rest: string[]): Record<string, string> {
  noExtra(rest)
  const networkName = args.one('network') ?? 'quicknet'
  const roundText = args.required('round')
  const signature = args.required('signature')
  args.checkUnused()
  const network = resolveNetwork(networkName)
  if (!/^\d{1,20}$/.test(roundText)) throw new BeaconError('ROUND_OUT_OF_RANGE', `beacon round must be a whole number in 1 .. 2^64-1, got ${JSON.stringify(roundText)}`)
  const round = BigInt(roundText)
  const randomness = verifyBeacon(network, round, signature.startsWith('0x') ? signature.slice(2) : signature)
  return { randomness: toHex(randomness), round: round.toString(), network: network.beaconId, chainHash: network.chainHash }
}

/** Runs a beacon or oracle command; returns the exit code. */
export async function gossipCommand (args: Args, data: string, cmd: string, sub: string | undefined, rest: string[]): Promise<number> {
  const api = async (): Promise<ApiClient> => await ApiClient.fromDataDir(data)
  let out: unknown
  if (cmd === 'beacon' && sub === 'verify') {
    try {
      out = verify(args, rest)
    } catch (err) {
      if (!(err instanceof BeaconError)) throw err
      process.stderr.write(`sortlift: error: ${err.code}: ${err.message}\n`)
      return 1
    }
  } else if (cmd === 'beacon') {
    if (sub === 'show') {
      noExtra(rest)
      const round = args.one('round')
      args.checkUnused()
      if (round != null && !/^\d{1,20}$/.test(round)) throw new UsageError('--round must be a whole number')
      out = await (await api()).get(round == null ? '/beacon' : `/beacon/rounds/${round}`)
    } else if (sub === 'info') {
      noExtra(rest); args.checkUnused()
      out = await (await api()).get('/beacon/info')
    } else {
      throw new UsageError('usage: sortlift beacon verify --network quicknet|FILE --round N --signature HEX | beacon show [--round N] | beacon info')
    }
  } else {
    if (sub === 'attest') {
      noExtra(rest)
      const body = { user: args.required('user'), question: args.required('question'), outcome: args.required('outcome') }
      args.checkUnused()
      out = await (await api()).post('/oracle/attest', body)
    } else if (sub === 'list') {
      noExtra(rest)
      const question = args.one('question')
      args.checkUnused()
      out = await (await api()).get(question == null ? '/oracle' : `/oracle?question=${encodeURIComponent(question)}`)
    } else {
      throw new UsageError('usage: sortlift oracle attest --user NAME --question TEXT --outcome TEXT | oracle list [--question TEXT]')
    }
  }
  if (args.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n')
  else printHuman(out)
  return 0
}
