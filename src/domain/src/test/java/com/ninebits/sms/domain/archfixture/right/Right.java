package com.ninebits.sms.domain.archfixture.right;

import com.ninebits.sms.domain.archfixture.left.Left;

/** The other half of the deliberate package cycle. */
public final class Right {

    public Left left() {
        return new Left();
    }
}
