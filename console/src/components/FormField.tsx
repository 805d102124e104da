import { useId, type InputHTMLAttributes } from 'react';

interface FormFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  messages?: readonly string[];
}

/** A labelled input with an optional hint and the server's messages for that field underneath. */
export function FormField({ label, hint, messages = [], ...inputProps }: FormFieldProps) {
  const id = useId();
  const describedBy = messages.length > 0 ? `${id}-messages` : hint ? `${id}-hint` : undefined;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={messages.length > 0 || undefined} aria-describedby={describedBy} {...inputProps} />
      {hint && messages.length === 0 && (
        <p id={`${id}-hint`} className="form-field__hint">
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <ul id={`${id}-messages`} className="form-field__messages">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
