// Runs Step Functions executions with aws-local-stepfunctions, for dev.sourced.local.stepfunctions: one process runs
// every execution of a LocalStepFunctions, concurrently, so the interpreter and the AWS SDK are loaded once (about
// 0.3 s of CPU and 70 MB per process), not once per execution.
//
// Reads JSON lines from stdin, each naming an execution by an id of the caller's choosing:
//   {"id": "<id>", "start": {"definition": <ASL, as an object or a JSON string>, "input": <any JSON>,
//     "validateOnly": false, "validation": {"checkPaths": true, "checkArn": true},
//     "waitTimeOverrides": {"<Wait state>": <ms>}, "retryIntervalOverrides": {"<state>": <ms> | [<ms>, ...]},
//     "context": <Context object fields, e.g. {"Execution": {"Id": "...", "Name": "..."}}>}}
//   {"id": "<id>", "stop": true}      aborts that execution
// Writes JSON lines: {"id": "<id>", "event": <the library's event>} (an error's Cause always as a string) for each event
// of an execution, then {"id": "<id>", "result": {"status": "SUCCEEDED", "output": <JSON>}} or
// {"id": "<id>", "result": {"status": "FAILED" | "TIMED_OUT" | "ABORTED" | "INVALID", "error": "...", "cause": "..."}},
// or {"id": "<id>", "result": {"status": "VALID"}} for validateOnly. An execution the interpreter fails on with an
// unexpected error ends FAILED with error "Sourced.InterpreterError" and the stack as cause (also written to stderr),
// and the others run on. Ends when stdin ends. Task states invoke Lambda through the AWS SDK for JavaScript, so the
// standard AWS_ENDPOINT_URL_LAMBDA, AWS_REGION and credential variables decide where invocations go.
import { createInterface } from 'node:readline';
import { StateMachine, ExecutionError, ExecutionTimeoutError, ExecutionAbortedError } from 'aws-local-stepfunctions';

// The JVM that started this runner owns it (SOURCED_OWNER_PID, else the parent at start). If that JVM ends first (stopped
// during its start, or killed), end too rather than run on orphaned: checked twice a second, by asking whether the
// process exists (signal 0) and, on systems that give an orphan a new parent, whether the parent changed.
const owner = Number(process.env.SOURCED_OWNER_PID) || process.ppid;
const parentAtStart = process.ppid;
function ownerGone() {
  if (process.ppid !== parentAtStart) return true;
  try {
    process.kill(owner, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH'; // EPERM: it exists
  }
}
if (ownerGone()) process.exit(1);
setInterval(() => {
  if (ownerGone()) process.exit(1);
}, 500).unref();

function write(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

/** Step Functions reports a cause as a string: a Lambda function's error payload as its JSON. */
function causeText(cause) {
  if (cause === undefined || cause === null) return undefined;
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}

function withCauseText(event) {
  return 'Cause' in event ? { ...event, Cause: causeText(event.Cause) } : event;
}

function failure(error) {
  if (error instanceof ExecutionTimeoutError) {
    return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'the execution ran longer than its TimeoutSeconds' };
  }
  if (error instanceof ExecutionAbortedError) {
    return { status: 'ABORTED', error: 'ExecutionAborted', cause: error.message };
  }
  if (error instanceof ExecutionError && error.cause) {
    const failed = error.cause;
    return { status: 'FAILED', error: failed.name, cause: causeText(failed.cause ?? failed.message) };
  }
  throw error;
}

/** The running executions' abort functions, by id. */
const running = new Map();

async function run(id, request) {
  let stateMachine;
  try {
    const definition = typeof request.definition === 'string' ? JSON.parse(request.definition) : request.definition;
    stateMachine = new StateMachine(definition, { validationOptions: request.validation ?? {} });
  } catch (invalid) {
    return { status: 'INVALID', error: 'InvalidDefinition', cause: invalid.message };
  }
  if (request.validateOnly) {
    return { status: 'VALID' };
  }
  const execution = stateMachine.run(request.input ?? {}, {
    overrides: {
      waitTimeOverrides: request.waitTimeOverrides ?? {},
      retryIntervalOverrides: request.retryIntervalOverrides ?? {},
    },
    context: request.context ?? {},
  });
  running.set(id, execution.abort);
  const events = (async () => {
    for await (const event of execution.eventLogs) write({ id, event: withCauseText(event) });
  })();
  let result;
  try {
    result = { status: 'SUCCEEDED', output: await execution.result };
  } catch (error) {
    result = failure(error);
  }
  await events;
  return result;
}

function start(id, request) {
  run(id, request)
    .catch((error) => {
      const stack = error && error.stack ? error.stack : String(error);
      process.stderr.write(`execution ${id} failed in the interpreter: ${stack}\n`);
      return { status: 'FAILED', error: 'Sourced.InterpreterError', cause: stack };
    })
    .then((result) => {
      running.delete(id);
      write({ id, result });
    });
}

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  let message;
  try {
    message = JSON.parse(line);
  } catch (notJson) {
    process.stderr.write(`ignored a line that is not JSON: ${line.slice(0, 200)}\n`);
    continue;
  }
  if (message.start) {
    start(message.id, message.start);
  } else if (message.stop) {
    const abort = running.get(message.id);
    if (abort) abort();
  }
}
// stdin ended: the JVM closed the runner (or is gone); the callback runs once every line is handed to the pipe
process.stdout.write('', () => process.exit(0));
