import autocannon from 'autocannon';

/**
 * Runs one autocannon load in a process of its own, so the load generator does not share the
 * event loop (or the memory figures) of the services it measures. Options come as JSON in
 * argv[2]; the figures go back as one JSON line on stdout.
 */

interface AutocannonClient {
  on(event: 'headers', listener: (info: { shouldKeepAlive?: boolean }) => void): void;
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

const options = JSON.parse(process.argv[2] ?? '{}') as autocannon.Options;
const result = await autocannon({ ...options, setupClient: honourConnectionClose as unknown as autocannon.Options['setupClient'] });
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
  })}\n`,
);
