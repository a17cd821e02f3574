import { Image, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupSecret } from '../utils/enrollment-link';

/**
 * The authenticator QR code, drawn here from the otpauth URI (a `data:` image the CSP allows, no
 * third party involved), with the key as text for people who cannot scan.
 */
export function TotpQrCode({ otpauthUri, secret }: { otpauthUri: string; secret: string }) {
  const { t } = useTranslation('auth');
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 220 }).then(
      (url) => current && setImage(url),
    );
    return () => {
      current = false;
    };
  }, [otpauthUri]);
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm">{t('enroll.scan')}</Text>
      {image ? <Image src={image} alt={t('enroll.qrAlt')} w={220} h={220} /> : <Skeleton w={220} h={220} />}
      <Textarea
        label={t('enroll.manual')}
        value={groupSecret(secret)}
        readOnly
        autosize
        minRows={1}
        w="100%"
        classNames={{ input: 'totp-key' }}
      />
    </Stack>
  );
}
