// An amount of money: tabular digits, never wrapped, sign shown with a real minus.
import { Text, type TextProps } from '@mantine/core';
import { formatMoney } from '../../shared/money.ts';

interface MoneyProps extends TextProps {
  kopecks: number;
  sign?: boolean;
  component?: 'span' | 'p' | 'div' | 'dd' | 'td';
}

export function Money({ kopecks, sign = false, component = 'span', ...props }: MoneyProps) {
  return (
    <Text component={component} className="money" inherit={!props.size && !props.fz} {...props}>
      {formatMoney(kopecks, { sign })}
    </Text>
  );
}
