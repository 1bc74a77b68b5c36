import { CliError, type Input, type Output } from './context';

const MAX_STDIN_BYTES = 64 * 1024;

/**
 * Read a secret piped on stdin: the first line, without its line ending. Passwords never come from
 * argv, where `ps` and shell history would show them.
 * @param stdin - the piped input
 * @throws CliError when stdin is empty
 */
export async function readSecretFromStdin(stdin: Input): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.length > MAX_STDIN_BYTES) {
      throw new CliError('stdin is too long for a password');
    }
    if (text.includes('\n')) {
      break;
    }
  }
  const secret = text.split(/\r?\n/)[0] ?? '';
  if (secret === '') {
    throw new CliError('No password on stdin');
  }
  return secret;
}

/** Ask once on the terminal without echoing what is typed. */
function askHidden(stdin: Input, stderr: Output, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    stderr.write(question);
    stdin.setRawMode?.(true);
    stdin.resume();
    const done = (err: Error | null) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      if (err) {
        reject(err);
      } else {
        resolve(value);
      }
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') {
          done(null);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          done(new CliError('Cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') {
          value = value.slice(0, -1);
        } else {
          value += ch;
        }
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * Get a new password: from stdin when `fromStdin`, else by asking twice on the terminal.
 * @param stdin - the input (a terminal for the prompt)
 * @param stderr - where the prompt is shown
 * @param fromStdin - read the first line of stdin instead of prompting
 * @throws CliError when stdin is not a terminal (and --password-stdin was not given), or the two
 *   entries differ
 */
export async function readNewPassword(
  stdin: Input,
  stderr: Output,
  fromStdin: boolean,
): Promise<string> {
  if (fromStdin) {
    return readSecretFromStdin(stdin);
  }
  if (!stdin.isTTY || !stdin.setRawMode) {
    throw new CliError('No terminal to ask for the password: pipe it with --password-stdin');
  }
  const first = await askHidden(stdin, stderr, 'Password: ');
  const second = await askHidden(stdin, stderr, 'Repeat password: ');
  if (first !== second) {
    throw new CliError('The passwords do not match');
  }
  return first;
}
