import autocannon from 'autocannon';

/**
 * Runs one autocannon load in a process of its own, so the load generator does not share the
 * event loop (or the memory figures) of the services it measures. Options come as JSON on
 * stdin (a list of paths can be long); the figures go back as one JSON line on stdout.
 */

interface AutocannonClient {
  on(event: 'headers', listener: (info: { shouldKeepAlive?: boolean }) => void): void;
  on(event: 'response', listener: () => void): void;
  _doRequest(): void;
  _connect(): void;
  _destroyConnection(): void;
}

/**
 * Honours `Connection: close`. autocannon writes its next request on the socket the server is
 * closing, reconnects on 'end' without forgetting that lost request, and then times every later
 * answer from a stale start, so latencies grow without bound. Here, after an answer that closes
 * the connection, the next request goes out on a fresh connection, as a correct client's would
 * (and its latency includes opening that connection). Keep-alive answers change nothing.
 */
function honourConnectionClose(client: AutocannonClient): void {
  let closing = false;
  client.on('headers', (info) => {
    closing = info.shouldKeepAlive === false;
  });
  const doRequest = client._doRequest.bind(client);
  client._doRequest = () => {
    if (!closing) return doRequest();
    closing = false;
    client._destroyConnection();
    client._connect(); // sends the next request once connected
  };
}

interface WorkerOptions extends autocannon.Options {
  /**
   * Paths taken in turn by all connections together, one per request: with `amount` equal to
   * their number, every path is requested exactly once (e.g. one action on each of N cases).
   */
  paths?: string[];
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { paths, ...options } = JSON.parse(input || '{}') as WorkerOptions;

let nextPath = 0;
let pathsReused = 0;
if (paths?.length) {
  // setupRequest runs once for each request a client builds (its first at construction), so a
  // counter shared by the clients hands out every path once before any comes round again.
  options.requests = [
    {
      setupRequest: (request) => {
        if (nextPath >= paths.length) pathsReused += 1;
        return { ...request, path: paths[nextPath++ % paths.length] };
      },
    },
  ];
}

/** When the last answer arrived: an `amount` run ends then, not at autocannon's next 1 s tick. */
let lastResponseAt = 0;
function setupClient(client: AutocannonClient): void {
  honourConnectionClose(client);
  client.on('response', () => (lastResponseAt = Date.now()));
}

const result = await autocannon({ ...options, setupClient: setupClient as unknown as autocannon.Options['setupClient'] });
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests,
    latency: result.latency,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodeStats: result.statusCodeStats,
    start: result.start,
    finish: result.finish,
    lastResponseAt: lastResponseAt ? new Date(lastResponseAt) : null,
    pathsUsed: paths?.length ? Math.min(nextPath, paths.length) : undefined,
    pathsReused: paths?.length ? pathsReused : undefined,
  })}\n`,
);
