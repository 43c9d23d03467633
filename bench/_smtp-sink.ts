// An SMTP server for benchmarks, in its own process so it does not share the sender's CPU: accepts
// every message, counts it, keeps nothing. Prints its port, then a count whenever asked on stdin.
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      callback(null, 'ok');
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.server.address() as { port: number }).port}\n`);
});
process.stdin.on('data', () => process.stdout.write(`received ${received}\n`));
process.stdin.on('end', () => server.close(() => process.exit(0)));
