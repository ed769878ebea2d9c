// Runs one Step Functions execution with aws-local-stepfunctions, for dev.sourced.local.stepfunctions.
//
// Reads one JSON request from stdin (until end of input):
//   {"definition": <ASL, as an object or a JSON string>, "input": <any JSON>,
//    "validateOnly": false, "validation": {"checkPaths": true, "checkArn": true},
//    "waitTimeOverrides": {"<Wait state>": <ms>}, "retryIntervalOverrides": {"<state>": <ms> | [<ms>, ...]},
//    "context": <Context object fields, e.g. {"Execution": {"Id": "...", "Name": "..."}}>}
// Writes one JSON line per event of the execution, {"event": <the library's event>} (an error's Cause
// always as a string), then one line {"result": {"status": "SUCCEEDED", "output": <JSON>}} or
// {"result": {"status": "FAILED" | "TIMED_OUT" | "ABORTED" | "INVALID", "error": "...", "cause": "..."}},
// or {"result": {"status": "VALID"}} for validateOnly. Exits 0 when the execution succeeded (or the
// definition is valid), 1 otherwise. Task states invoke Lambda through the AWS SDK for JavaScript, so the
// standard AWS_ENDPOINT_URL_LAMBDA, AWS_REGION and credential variables decide where invocations go.
import { StateMachine, ExecutionError, ExecutionTimeoutError, ExecutionAbortedError } from 'aws-local-stepfunctions';

// The JVM that started this run owns it (SOURCED_OWNER_PID, else the parent at start). If that JVM ends first (stopped
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

function finish(result) {
  const ok = result.status === 'SUCCEEDED' || result.status === 'VALID';
  // the callback runs once the line is handed to the pipe: nothing is lost by exiting, and the SDK's
  // kept-alive connections cannot hold the process open
  process.stdout.write(JSON.stringify({ result }) + '\n', () => process.exit(ok ? 0 : 1));
}

/** Step Functions reports a cause as a string: a Lambda function's error payload as its JSON. */
function causeText(cause) {
  if (cause === undefined || cause === null) return undefined;
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}

function withCauseText(event) {
  return 'Cause' in event ? { ...event, Cause: causeText(event.Cause) } : event;
}

async function readRequest() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
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

const request = await readRequest();
let stateMachine;
try {
  const definition = typeof request.definition === 'string' ? JSON.parse(request.definition) : request.definition;
  stateMachine = new StateMachine(definition, { validationOptions: request.validation ?? {} });
} catch (invalid) {
  finish({ status: 'INVALID', error: 'InvalidDefinition', cause: invalid.message });
}
if (stateMachine && request.validateOnly) {
  finish({ status: 'VALID' });
} else if (stateMachine) {
  const execution = stateMachine.run(request.input ?? {}, {
    overrides: {
      waitTimeOverrides: request.waitTimeOverrides ?? {},
      retryIntervalOverrides: request.retryIntervalOverrides ?? {},
    },
    context: request.context ?? {},
  });
  const events = (async () => {
    for await (const event of execution.eventLogs) write({ event: withCauseText(event) });
  })();
  let result;
  try {
    result = { status: 'SUCCEEDED', output: await execution.result };
  } catch (error) {
    result = failure(error);
  }
  await events;
  finish(result);
}
