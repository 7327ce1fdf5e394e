/** Only same-site paths may be used as a post-sign-in destination (no open redirects). */
export function safeCallback(value: string | null | undefined, fallback = '/'): string {
  // "/\\evil.example" is read by browsers as "//evil.example": refuse backslashes and control characters too.
  if (!value || !value.startsWith('/') || value.startsWith('//') || /[\\\x00-\x1f]/.test(value)) return fallback;
  return value;
}
