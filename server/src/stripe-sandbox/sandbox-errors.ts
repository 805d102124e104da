/** An error answered in Stripe's shape: `{ error: { type, code, message, param } }` with Stripe's status codes. */
export class SandboxApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'api_error' | 'card_error' | 'idempotency_error' | 'authentication_error',
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(requestLogUrl?: string): { error: Record<string, unknown> } {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code, doc_url: `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, '-')}` } : {}),
        ...(this.param ? { param: this.param } : {}),
        ...(requestLogUrl ? { request_log_url: requestLogUrl } : {}),
        ...this.extra,
      },
    };
  }
}

/** 404 for an id that does not exist, worded as Stripe words it. */
export function noSuch(kind: string, id: string, param = 'id'): SandboxApiError {
  return new SandboxApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', param);
}

export function missingParam(param: string): SandboxApiError {
  return new SandboxApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param);
}

export function invalidParam(param: string, message: string): SandboxApiError {
  return new SandboxApiError(400, 'invalid_request_error', message, 'parameter_invalid', param);
}
