// Phone numbers are private (DESIGN §6): stored on the case, masked everywhere except the claimer's DM.

// Mainland mobile numbers, optionally +86 and with spaces or dashes; landlines like 0571-88888888.
const mobile = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)/g
const landline = /(?<!\d)(0\d{2,3})-?(\d{3,4})(\d{4})(?!\d)/g

export function findContacts(text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(mobile)) found.push(`${m[1]}${m[2]}${m[3]}`)
  for (const m of text.matchAll(landline)) found.push(`${m[1]}-${m[2]}${m[3]}`)
  return found
}

export const maskPhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, '')
  return digits.length <= 7 ? '****' : `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

export const maskContacts = (text: string): string =>
  text.replace(mobile, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(landline, (_m, a: string, _b: string, c: string) => `${a}-****${c}`)
