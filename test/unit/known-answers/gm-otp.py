# The known answers of test/unit/totp.test.ts for GM/T 0021-2012's SM3 dynamic password, computed apart from
# server/auth/gm-otp.ts: SM3 by the OpenSSL command line, the ID layout (T 8 bytes, C 4 bytes, Q, zero-filled to
# 128 bits), Truncate (the eight 32-bit big-endian words of S summed mod 2^32) and P = OD mod 10^N written here
# from the standard's description. `python3 test/unit/known-answers/gm-otp.py` prints (P, S, OD) per case.
import subprocess, struct
def sm3(data: bytes) -> bytes:
    return subprocess.run(['openssl', 'dgst', '-sm3', '-binary'], input=data, capture_output=True, check=True).stdout
def otp(k: bytes, t=None, c=None, q=None, n=6):
    ident = b''
    if t is not None: ident += struct.pack('>Q', t)
    if c is not None: ident += struct.pack('>I', c)
    if q is not None: ident += q
    if len(ident) < 16: ident += b'\0' * (16 - len(ident))
    s = sm3(k + ident)
    od = sum(struct.unpack('>8I', s)) % (1 << 32)
    return str(od % 10**n).zfill(n), s.hex(), od
k1 = bytes.fromhex('1234567890abcdef1234567890abcdef')
k2 = b'12345678901234567890'
for t in [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000]:
    print('rfc-seed', t, t//30, otp(k2, t=t//30))
for t in [0, 1, 56666666, 0xFFFFFFFFFFFFFFFF]:
    print('k1 T', t, otp(k1, t=t))
print('k1 T C Q', otp(k1, t=56666666, c=1234, q=b'5678'))
print('k1 C', otp(k1, c=1234))
print('k1 Q', otp(k1, q=b'123456'))
print('k1 T N=8', otp(k1, t=56666666, n=8))
