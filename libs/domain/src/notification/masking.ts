/**
 * Personal contact data as logs may show it: enough to tell two apart, not enough to call or
 * write to anyone. `0912345678` → `091****678`; `an.nguyen@example.vn` → `a***@example.vn`.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 6)}${digits.slice(-3)}`;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** A recipient of any channel: an email address or a phone number. */
export function maskRecipient(recipient: string): string {
  return recipient.includes('@') ? maskEmail(recipient) : maskPhone(recipient);
}

/** Any email addresses and phone numbers inside a text (a provider's answer) masked, for logs. */
export function maskContactsIn(text: string): string {
  return text
    .replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[A-Za-z]{2,}/g, (email) => maskEmail(email))
    .replace(/(?<!\d)(?:\+?84|0)\d{8,10}(?!\d)/g, (phone) => maskPhone(phone));
}
