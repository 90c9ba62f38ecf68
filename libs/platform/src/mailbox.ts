import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The one rule for an address we will send mail to, used by the inputs (contacts, users) and by the
 * mailer before it sends: what every SMTP server takes, and nothing a server may refuse later (which
 * would leave an email failing for a day): an ASCII dot-atom local part (RFC 5321 atext, no quoted
 * strings, no leading, trailing or double dots) of at most 64 characters, and a domain of
 * letter-digit-hyphen labels with a top-level domain, no IP literal; 254 characters in all.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isMailboxAddress(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    /^[A-Za-z][A-Za-z0-9-]*$/.test(labels.at(-1)!)
  );
}

/** The class-validator form of isMailboxAddress, for input classes. */
export function IsMailboxAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMailboxAddress',
      validator: {
        validate: (value) => isMailboxAddress(value),
        defaultMessage: () =>
          'must be an email address that mail can be delivered to (letters, digits and . _ % + - before the @)',
      },
    },
    options,
  );
}
