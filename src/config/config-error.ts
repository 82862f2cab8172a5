/**
 * A missing or invalid setting. Start-up stops and prints the message, which is one line
 * naming the setting and what is wrong with it (never a secret's value).
 */
export class ConfigError extends Error {
  readonly code = 'config_invalid' as const;

  constructor(message: string) {
    // One line, whatever the cause contained (YAML parser messages can span several).
    super(message.replace(/\s*[\r\n]+\s*/g, ' ').trim());
    this.name = 'ConfigError';
  }
}
