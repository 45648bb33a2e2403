# ruff: noqa: E501
"""The tagger's behaviour, phrasing by phrasing, with pinned document creation times (DCTs).

Each row is ``(text, dct, expected timex text, type, value[, mod])``: tagging ``text`` with
``dct`` must produce a timex with exactly that extent, type, value and mod (no mod when the
row gives none). Extents and values follow the TimeML / TempEval-3 conventions seen in the
TempEval-3 gold files: no leading preposition ("on Friday" -> "Friday"), determiners and
modifiers kept ("the end of June 2016", "more than four hours"), decades as three digits
("199"), centuries as two ("19"), weeks as ISO weeks ("2016-W25"), parts of day as TMO/TAF/
TEV/TNI. The NEGATIVES must produce no timex at all.

Numeric dates: ``tag`` has no day/month-order option, so slashed dates read month first
(US style); a first number above 12 can only be a day.
"""

from __future__ import annotations

from typing import Any

import pytest

from timeline.temporal import tag

# Document creation times used below (weekday in brackets).
FRI = "2016-06-24"  # (Friday) ISO week 2016-W25, the day after the EU referendum
TUE = "2022-07-19"  # (Tuesday)
OCT = "2020-10-30"  # (Friday)
WSJ = "1989-11-02"  # (Thursday) in the fourth quarter of 1989
APW = "1998-02-27"  # (Friday)
JAN = "2016-01-05"  # (Tuesday) ISO week 2016-W01; the week before is 2015-W53


def row(
    text: str, dct: str | None, expected: str, kind: str, value: str, mod: str | None = None
) -> Any:
    return pytest.param(text, dct, expected, kind, value, mod, id=f"{expected}|{text[:48]}")


# fmt: off
ROWS = [
    # ---- full dates in written forms
    row("The referendum was held on June 23, 2016.", FRI, "June 23, 2016", "DATE", "2016-06-23"),
    row("The vote took place on 23 June 2016 across the UK.", FRI, "23 June 2016", "DATE", "2016-06-23"),
    row("It happened on June 23rd, 2016, in the end.", FRI, "June 23rd, 2016", "DATE", "2016-06-23"),
    row("The deal closed on 23rd June 2016.", FRI, "23rd June 2016", "DATE", "2016-06-23"),
    row("Thursday, June 23, 2016, was the day of the vote.", FRI, "Thursday, June 23, 2016", "DATE", "2016-06-23"),
    row("Polls opened on Jun. 23, 2016 in every region.", FRI, "Jun. 23, 2016", "DATE", "2016-06-23"),
    row("The attacks of Sept. 11, 2001 changed everything.", APW, "Sept. 11, 2001", "DATE", "2001-09-11"),
    row("The report was published on 6 July 2016.", FRI, "6 July 2016", "DATE", "2016-07-06"),
    row("He resigned on July 11, 2016.", OCT, "July 11, 2016", "DATE", "2016-07-11"),
    row("The letter is dated 2016-06-23.", FRI, "2016-06-23", "DATE", "2016-06-23"),
    row("On 1 January 2020 the rules changed.", OCT, "1 January 2020", "DATE", "2020-01-01"),
    row("The ceasefire began on Dec. 25, 1997.", APW, "Dec. 25, 1997", "DATE", "1997-12-25"),
    row("Elections were held on May 7, 2015.", FRI, "May 7, 2015", "DATE", "2015-05-07"),
    row("The company was founded on March 1, 1990.", APW, "March 1, 1990", "DATE", "1990-03-01"),
    row("Sales rose on Monday, Feb. 23, 1998, the firm said.", APW, "Monday, Feb. 23, 1998", "DATE", "1998-02-23"),
    row("The treaty of 7 February 1992 created the union.", FRI, "7 February 1992", "DATE", "1992-02-07"),
    row("It ran until October 31st 2019.", OCT, "October 31st 2019", "DATE", "2019-10-31"),
    row("The court sat on 3rd March 2021.", OCT, "3rd March 2021", "DATE", "2021-03-03"),
    row("Published 14 Feb 2018 by the council.", OCT, "14 Feb 2018", "DATE", "2018-02-14"),
    row("The deadline is August 1, 2021.", OCT, "August 1, 2021", "DATE", "2021-08-01"),
    row("Trading resumed Jan. 5, 1998.", APW, "Jan. 5, 1998", "DATE", "1998-01-05"),
    row("The embassy was bombed on Aug 7 1998.", APW, "Aug 7 1998", "DATE", "1998-08-07"),
    row("The wall fell on 9 November 1989.", WSJ, "9 November 1989", "DATE", "1989-11-09"),
    row("Armistice Day is 11 November 1918 in the records.", WSJ, "11 November 1918", "DATE", "1918-11-11"),
    row("The inquiry opened on Wednesday 6 July 2016.", FRI, "Wednesday 6 July 2016", "DATE", "2016-07-06"),
    row("Their first date was Nov. 30, 1998, she recalled.", APW, "Nov. 30, 1998", "DATE", "1998-11-30"),
    row("A memo from Sep 2, 2020 surfaced.", OCT, "Sep 2, 2020", "DATE", "2020-09-02"),
    row("The hearing on December 4th, 2019 was brief.", OCT, "December 4th, 2019", "DATE", "2019-12-04"),
    # ---- numeric dates (month first; a first number above 12 is a day)
    row("The form was filed on 6/23/2016.", FRI, "6/23/2016", "DATE", "2016-06-23"),
    row("Filed 06/23/2016 by the clerk.", FRI, "06/23/2016", "DATE", "2016-06-23"),
    row("The invoice dated 3/4/2016 was paid.", FRI, "3/4/2016", "DATE", "2016-03-04"),
    row("A record of 12/31/1999 shows the sale.", APW, "12/31/1999", "DATE", "1999-12-31"),
    row("The memo of 23/06/2016 was leaked.", FRI, "23/06/2016", "DATE", "2016-06-23"),
    row("Data as of 2020-10-30 show a rise.", OCT, "2020-10-30", "DATE", "2020-10-30"),
    row("On 6/23/16 the polls closed.", FRI, "6/23/16", "DATE", "2016-06-23"),
    row("The survey ran on 23.06.2016 in Germany.", FRI, "23.06.2016", "DATE", "2016-06-23"),
    row("Entry 1998-02-26 records the loss.", APW, "1998-02-26", "DATE", "1998-02-26"),
    # ---- month and day without a year (year from the DCT, direction from tense)
    row("The inquiry will report on July 6.", FRI, "July 6", "DATE", "2016-07-06"),
    row("Talks began on March 3 and stalled.", FRI, "March 3", "DATE", "2016-03-03"),
    row("He was appointed on 12 May.", FRI, "12 May", "DATE", "2016-05-12"),
    row("The vote is set for Nov. 8.", FRI, "Nov. 8", "DATE", "2016-11-08"),
    row("The talks collapsed on Oct. 23, officials said.", APW, "Oct. 23", "DATE", "1997-10-23"),
    row("The hearing will be held on January 12.", FRI, "January 12", "DATE", "2017-01-12"),
    row("On 4 July the festival opens.", FRI, "4 July", "DATE", "2016-07-04"),
    row("Shares fell on Feb. 2, traders said.", APW, "Feb. 2", "DATE", "1998-02-02"),
    row("He left the firm on June 1.", FRI, "June 1", "DATE", "2016-06-01"),
    # ---- month and year, month alone
    row("Inflation peaked in June 2016.", OCT, "June 2016", "DATE", "2016-06"),
    row("The merger closed in Sept. 1998.", APW, "Sept. 1998", "DATE", "1998-09"),
    row("Prices fell in Oct 2020.", OCT, "Oct 2020", "DATE", "2020-10"),
    row("The project started in March, 2015.", FRI, "March, 2015", "DATE", "2015-03"),
    row("Results from February of 2017 were revised.", OCT, "February of 2017", "DATE", "2017-02"),
    row("The plant shut in May 2015.", FRI, "May 2015", "DATE", "2015-05"),
    row("Their contract ends in December 2019.", OCT, "December 2019", "DATE", "2019-12"),
    row("Fares rose in Jan 2017.", OCT, "Jan 2017", "DATE", "2017-01"),
    row("Parliament returns in September.", FRI, "September", "DATE", "2016-09"),
    row("The party met in March.", FRI, "March", "DATE", "2016-03"),
    row("Sales fell in November, the firm said.", FRI, "November", "DATE", "2015-11"),
    row("The company expects a decision in January.", FRI, "January", "DATE", "2017-01"),
    row("The results came in May.", FRI, "May", "DATE", "2016-05"),
    row("Sales rose last November.", FRI, "last November", "DATE", "2015-11"),
    row("The plant reopens next March.", FRI, "next March", "DATE", "2017-03"),
    row("The summit is this May.", JAN, "this May", "DATE", "2016-05"),
    row("Sales slumped in December.", JAN, "December", "DATE", "2015-12"),
    row("The talks resume in April.", None, "April", "DATE", "XXXX-04"),
    # ---- parts of months and years (mod)
    row("Rates will rise in early December.", FRI, "early December", "DATE", "2016-12", "START"),
    row("Talks resumed in late September.", OCT, "late September", "DATE", "2020-09", "END"),
    row("The plan will be unveiled in mid-November.", OCT, "mid-November", "DATE", "2020-11", "MID"),
    row("Trading slowed in the middle of October.", OCT, "the middle of October", "DATE", "2020-10", "MID"),
    row("Work began at the beginning of October.", OCT, "the beginning of October", "DATE", "2020-10", "START"),
    row("Rates were cut at the end of June 2016.", OCT, "the end of June 2016", "DATE", "2016-06", "END"),
    row("The fund closes at the end of the month.", FRI, "the end of the month", "DATE", "2016-06", "END"),
    row("A deal is expected by the end of the year.", FRI, "the end of the year", "DATE", "2016", "END"),
    row("A decision is due at the end of this week.", FRI, "the end of this week", "DATE", "2016-W25", "END"),
    row("Growth should return at the start of 2017.", FRI, "the start of 2017", "DATE", "2017", "START"),
    row("Prices rose at the beginning of the year.", FRI, "the beginning of the year", "DATE", "2016", "START"),
    row("The economy slowed in mid-2016.", OCT, "mid-2016", "DATE", "2016", "MID"),
    row("A vote is expected in early 2017.", FRI, "early 2017", "DATE", "2017", "START"),
    row("The talks stalled in late 2015.", FRI, "late 2015", "DATE", "2015", "END"),
    row("The firm collapsed late last year.", FRI, "late last year", "DATE", "2015", "END"),
    row("Earnings fell earlier this year.", FRI, "earlier this year", "DATE", "2016", "START"),
    row("Earlier this month the board met.", FRI, "Earlier this month", "DATE", "2016-06", "START"),
    row("The plant will reopen early next year.", FRI, "early next year", "DATE", "2017", "START"),
    row("The minister quit late yesterday.", FRI, "late yesterday", "DATE", "2016-06-23", "END"),
    row("Orders fell by the end of 2016.", OCT, "the end of 2016", "DATE", "2016", "END"),
    # ---- years, halves, seasons
    row("Turnout was high in 2016.", OCT, "2016", "DATE", "2016"),
    row("Labour has held the seat since 1997.", FRI, "1997", "DATE", "1997"),
    row("Prices rose between 2015 and 2017.", OCT, "2015", "DATE", "2015"),
    row("Prices rose between 2015 and 2017.", OCT, "2017", "DATE", "2017"),
    row("He ran the firm from 2010 to 2015.", FRI, "2010", "DATE", "2010"),
    row("He ran the firm from 2010 to 2015.", FRI, "2015", "DATE", "2015"),
    row("The 2016 referendum split the country.", OCT, "2016", "DATE", "2016"),
    row("In 1066 the Normans invaded.", FRI, "1066", "DATE", "1066"),
    row("Computers were fixed before the year 2000.", APW, "the year 2000", "DATE", "2000"),
    row("Profits doubled in the first half of 2016.", OCT, "the first half of 2016", "DATE", "2016-H1"),
    row("Growth slowed in the second half of 2015.", FRI, "the second half of 2015", "DATE", "2015-H2"),
    # a half-year in its short forms, as reports write it
    row("Revenue rose 4% in H1 2019.", OCT, "H1 2019", "DATE", "2019-H1"),
    row("Margins held up in 2H 2018, the group said.", OCT, "2H 2018", "DATE", "2018-H2"),
    row("Guidance for H2'21 was cut.", OCT, "H2'21", "DATE", "2021-H2"),
    # a fiscal year written short, alone or after its quarter or half
    row("Sales in FY2019 rose 4%.", OCT, "FY2019", "DATE", "2019"),
    row("The company cut its outlook for FY21.", OCT, "FY21", "DATE", "2021"),
    row("Profit fell in Q3 FY2020.", OCT, "Q3 FY2020", "DATE", "2020-Q3"),
    row("Margins recovered in H1 FY2020.", OCT, "H1 FY2020", "DATE", "2020-H1"),
    row("Crowds returned in the summer of 2016.", OCT, "the summer of 2016", "DATE", "2016-SU"),
    row("Floods struck in the winter of 2014.", FRI, "the winter of 2014", "DATE", "2014-WI"),
    row("The album is due in spring 2017.", FRI, "spring 2017", "DATE", "2017-SP"),
    row("The shop opened in autumn 2015.", FRI, "autumn 2015", "DATE", "2015-FA"),
    row("Classes began in fall 2015.", FRI, "fall 2015", "DATE", "2015-FA"),
    row("The band toured in summer 2016.", OCT, "summer 2016", "DATE", "2016-SU"),
    # ---- decades and centuries
    row("Unemployment fell in the 1990s.", FRI, "the 1990s", "DATE", "199"),
    row("Music from the '80s is back.", FRI, "the '80s", "DATE", "198"),
    row("The estate was built in the 1960s.", FRI, "the 1960s", "DATE", "196"),
    row("Growth was strong in the early 1980s.", FRI, "the early 1980s", "DATE", "198", "START"),
    row("Inflation soared in the late 1970s.", FRI, "the late 1970s", "DATE", "197", "END"),
    row("The firm was founded in the mid-1990s.", FRI, "the mid-1990s", "DATE", "199", "MID"),
    row("Prices rose through the 2000s.", FRI, "the 2000s", "DATE", "200"),
    row("Cities grew in the 20th century.", FRI, "the 20th century", "DATE", "19"),
    row("The mill dates from the 19th century.", FRI, "the 19th century", "DATE", "18"),
    row("Wars of the twenty-first century differ.", FRI, "the twenty-first century", "DATE", "20"),
    row("Threats had become routine over the past decade.", "1998-10-25", "the past decade", "DURATION", "P10Y"),
    row("It was one of the great events of the past century.", "1989-11-01", "the past century", "DURATION", "P100Y"),
    row("Rates have fallen in the last decade.", "1998-02-06", "the last decade", "DATE", "198"),
    # ---- quarters
    row("Net income rose in the third quarter.", WSJ, "the third quarter", "DATE", "1989-Q3"),
    row("Its third-quarter net income rose 11%.", WSJ, "third-quarter", "DATE", "1989-Q3"),
    row("Sales should improve in the fourth quarter.", WSJ, "the fourth quarter", "DATE", "1989-Q4"),
    row("Margins widened in the first quarter of 2016.", FRI, "the first quarter of 2016", "DATE", "2016-Q1"),
    row("Revenue for Q3 2016 beat forecasts.", OCT, "Q3 2016", "DATE", "2016-Q3"),
    row("Sales fell last quarter.", WSJ, "last quarter", "DATE", "1989-Q3"),
    row("Sales should recover next quarter.", WSJ, "next quarter", "DATE", "1990-Q1"),
    row("Growth in the third quarter of this year was weak.", "2009-02-18", "the third quarter of this year", "DATE", "2009-Q3"),
    row("Growth in the third quarter of last year was weak.", "2009-02-18", "the third quarter of last year", "DATE", "2008-Q3"),
    row("Growth in the third quarter was weak.", "2009-02-18", "the third quarter", "DATE", "2008-Q3"),
    # ---- weekdays: past tense = the latest such day up to the DCT, future = the next one
    row("The minister resigned on Monday.", FRI, "Monday", "DATE", "2016-06-20"),
    row("Markets fell sharply on Thursday.", FRI, "Thursday", "DATE", "2016-06-23"),
    row("He spoke on Tuesday.", FRI, "Tuesday", "DATE", "2016-06-21"),
    row("She said Wednesday that talks would continue.", FRI, "Wednesday", "DATE", "2016-06-22"),
    row("Officials said Friday that the polls were fair.", FRI, "Friday", "DATE", "2016-06-24"),
    row("The leaders met Saturday.", FRI, "Saturday", "DATE", "2016-06-18"),
    row("The rally took place on Sunday.", FRI, "Sunday", "DATE", "2016-06-19"),
    row("The cabinet will meet on Monday.", FRI, "Monday", "DATE", "2016-06-27"),
    row("Voters will go to the polls on Thursday.", FRI, "Thursday", "DATE", "2016-06-30"),
    row("The results will be announced on Saturday.", FRI, "Saturday", "DATE", "2016-06-25"),
    row("The shop closed last Friday.", FRI, "last Friday", "DATE", "2016-06-17"),
    row("The team flies out next Tuesday.", FRI, "next Tuesday", "DATE", "2016-06-28"),
    row("The parade is this Sunday.", FRI, "this Sunday", "DATE", "2016-06-26"),
    row("The report was published on Friday.", TUE, "Friday", "DATE", "2022-07-15"),
    row("The committee will vote on Thursday.", TUE, "Thursday", "DATE", "2022-07-21"),
    row("Ministers met on Monday.", TUE, "Monday", "DATE", "2022-07-18"),
    row("The strike is planned for Monday.", TUE, "Monday", "DATE", "2022-07-25"),
    row("They met Monday, June 20, in London.", FRI, "Monday, June 20", "DATE", "2016-06-20"),
    row("The deal was signed on Friday.", None, "Friday", "DATE", "XXXX-WXX-5"),
    # a weekday with a part of the day is a DATE in the TempEval-3 gold (20 of 25 cases)
    row("The news broke on Friday morning.", FRI, "Friday morning", "DATE", "2016-06-24TMO"),
    row("Fighting erupted on Tuesday night.", FRI, "Tuesday night", "DATE", "2016-06-21TNI"),
    row("The statement came on Wednesday evening.", FRI, "Wednesday evening", "DATE", "2016-06-22TEV"),
    row("Talks ran from Monday to Wednesday.", FRI, "Monday", "DATE", "2016-06-20"),
    row("Talks ran from Monday to Wednesday.", FRI, "Wednesday", "DATE", "2016-06-22"),
    # ---- relative to the DCT
    row("The result was declared yesterday.", FRI, "yesterday", "DATE", "2016-06-23"),
    row("The prime minister resigned today.", FRI, "today", "DATE", "2016-06-24"),
    row("Markets open tomorrow.", FRI, "tomorrow", "DATE", "2016-06-25"),
    row("Yesterday the pound fell.", FRI, "Yesterday", "DATE", "2016-06-23"),
    row("He arrived the day before yesterday.", FRI, "the day before yesterday", "DATE", "2016-06-22"),
    row("She leaves the day after tomorrow.", FRI, "the day after tomorrow", "DATE", "2016-06-26"),
    row("Polls tightened last week.", FRI, "last week", "DATE", "2016-W24"),
    row("Campaigning ends this week.", FRI, "this week", "DATE", "2016-W25"),
    row("Talks resume next week.", FRI, "next week", "DATE", "2016-W26"),
    row("Prices rose last month.", FRI, "last month", "DATE", "2016-05"),
    row("The bill passes this month.", FRI, "this month", "DATE", "2016-06"),
    row("The inquiry reports next month.", FRI, "next month", "DATE", "2016-07"),
    row("Profits fell last year.", FRI, "last year", "DATE", "2015"),
    row("Last year the party lost.", FRI, "Last year", "DATE", "2015"),
    row("Turnout rose this year.", FRI, "this year", "DATE", "2016"),
    row("The law takes effect next year.", FRI, "next year", "DATE", "2017"),
    row("He left two years ago.", FRI, "two years ago", "DATE", "2014"),
    row("The fire started three days ago.", FRI, "three days ago", "DATE", "2016-06-21"),
    row("The poll was taken two weeks ago.", FRI, "two weeks ago", "DATE", "2016-W23"),
    row("The firm was sold six months ago.", FRI, "six months ago", "DATE", "2015-12"),
    row("The plant closed ten years ago.", FRI, "ten years ago", "DATE", "2006"),
    row("Then, a week or so ago, the general chose the day.", FRI, "a week or so ago", "DATE", "2016-W24", "APPROX"),
    row("The talks lasted a week or so.", FRI, "a week", "DURATION", "P1W"),
    row("The plan was shelved a year ago.", FRI, "a year ago", "DATE", "2015"),
    row("The law passed in March 2015 and took effect the following month.", FRI, "the following month", "DATE", "2015-04"),
    row("The party lost in 2010 and rebuilt the following year.", FRI, "the following year", "DATE", "2011"),
    row("The vote was on 23 June 2016 and the result came the next day.", OCT, "the next day", "DATE", "2016-06-24"),
    row("Attendance fell last summer.", FRI, "last summer", "DATE", "2015-SU"),
    row("The school opens this fall.", FRI, "this fall", "DATE", "2016-FA"),
    row("Building starts next spring.", FRI, "next spring", "DATE", "2017-SP"),
    row("Enrolment dropped last fall.", FRI, "last fall", "DATE", "2015-FA"),
    row("The festival returns this summer.", FRI, "this summer", "DATE", "2016-SU"),
    row("Prices spiked last autumn.", FRI, "last autumn", "DATE", "2015-FA"),
    row("Crowds gathered last weekend.", FRI, "last weekend", "DATE", "2016-W24-WE"),
    row("The fair is open this weekend.", FRI, "this weekend", "DATE", "2016-W25-WE"),
    row("Sales fell last week.", JAN, "last week", "DATE", "2015-W53"),
    row("Gold neared the record struck last week of $1,440.10.", FRI, "last week", "DATE", "2016-W24"),
    # a month in a clause told of a habit is any year's; a clause of its own keeps its reading
    row("Seasonal flu hits in a season that normally ends in February.", FRI, "February", "DATE", "XXXX-02"),
    row("Flu season is usually almost over by May.", FRI, "May", "DATE", "XXXX-05"),
    row("Acres seeded after mid-May usually lose yield.", FRI, "mid-May", "DATE", "XXXX-05", "MID"),
    row("This is why you are celebrating July 4th each year.", FRI, "July 4th", "DATE", "XXXX-07-04"),
    row("Forties, the crude that usually sets the price, began to fall in May.", FRI, "May", "DATE", "2016-05"),
    row("Schools normally close early; in May they closed late.", FRI, "May", "DATE", "2016-05"),
    row("The murder in Libya last month of the rebel commander shocked many.", FRI, "last month", "DATE", "2016-05"),
    row("Prices rose last month.", JAN, "last month", "DATE", "2015-12"),
    row("The market fell yesterday.", JAN, "yesterday", "DATE", "2016-01-04"),
    row("The strike began last year.", JAN, "last year", "DATE", "2015"),
    row("The new rules start next month.", JAN, "next month", "DATE", "2016-02"),
    # ---- durations
    row("He served five years in office.", FRI, "five years", "DURATION", "P5Y"),
    row("It ended a 17-month investigation.", FRI, "17-month", "DURATION", "P17M"),
    row("It took a decade to rebuild the town.", FRI, "a decade", "DURATION", "P10Y"),
    row("The strike lasted two weeks.", FRI, "two weeks", "DURATION", "P2W"),
    row("The hearing lasted three days.", FRI, "three days", "DURATION", "P3D"),
    row("He was jailed for six months.", FRI, "six months", "DURATION", "P6M"),
    row("The study lasted a year.", FRI, "a year", "DURATION", "P1Y"),
    row("Rescuers worked for 24 hours.", FRI, "24 hours", "DURATION", "PT24H"),
    row("The debate ran for 90 minutes.", FRI, "90 minutes", "DURATION", "PT90M"),
    row("The clip lasts 30 seconds.", FRI, "30 seconds", "DURATION", "PT30S"),
    row("He signed a two-year contract.", FRI, "two-year", "DURATION", "P2Y"),
    row("After a five-hour meeting they agreed.", FRI, "five-hour", "DURATION", "PT5H"),
    row("Prices have risen over the past two months.", FRI, "the past two months", "DURATION", "P2M"),
    row("Costs will rise over the next three years.", FRI, "the next three years", "DURATION", "P3Y"),
    row("The siege lasted more than four hours.", FRI, "more than four hours", "DURATION", "PT4H", "MORE_THAN"),
    row("Tenants get at least 30 days of notice.", FRI, "at least 30 days", "DURATION", "P30D", "EQUAL_OR_MORE"),
    row("The case took about three years.", FRI, "three years", "DURATION", "P3Y"),
    row("The vote took less than an hour.", FRI, "less than an hour", "DURATION", "PT1H", "LESS_THAN"),
    row("The talks dragged on for almost two years.", FRI, "almost two years", "DURATION", "P2Y", "LESS_THAN"),
    row("The dispute went on for several years.", FRI, "several years", "DURATION", "PXY"),
    row("He was held for a few days.", FRI, "a few days", "DURATION", "PXD"),
    row("The oak has stood for a century.", FRI, "a century", "DURATION", "P100Y"),
    row("The loan runs for 18 months.", FRI, "18 months", "DURATION", "P18M"),
    row("Wages stalled in the last 20 years.", FRI, "the last 20 years", "DURATION", "P20Y"),
    row("He got a one-year ban.", FRI, "one-year", "DURATION", "P1Y"),
    row("The family left their third day-long meeting.", FRI, "day-long", "DURATION", "P1D"),
    row("Buyers have a 30-day window.", FRI, "30-day", "DURATION", "P30D"),
    row("The council adopted a ten-year plan.", FRI, "ten-year", "DURATION", "P10Y"),
    row("Sales will stay weak through at least the first two quarters of 1990.", WSJ, "at least the first two quarters of 1990", "DATE", "1990-H1"),
    row("Sales stayed weak for at least the first two quarters.", WSJ, "at least the first two quarters", "DURATION", "P2Q", "EQUAL_OR_MORE"),
    # an article before a count word counts nothing, a half inside the count once
    row("Prices fell 10% in a single day.", FRI, "a single day", "DURATION", "P1D"),
    row("It took a dozen years to finish.", FRI, "a dozen years", "DURATION", "P12Y"),
    row("They waited a half hour outside.", FRI, "a half hour", "DURATION", "PT30M"),
    row("The talks took one and a half years.", FRI, "one and a half years", "DURATION", "P1Y6M"),
    row("The rebuilding took two days.", FRI, "two days", "DURATION", "P2D"),
    row("The road was shut for three months.", FRI, "three months", "DURATION", "P3M"),
    row("It took two decades to finish.", FRI, "two decades", "DURATION", "P20Y"),
    row("The trial lasted eight weeks.", FRI, "eight weeks", "DURATION", "P8W"),
    # ---- sets
    row("The market opens every Tuesday.", FRI, "every Tuesday", "SET", "XXXX-WXX-2"),
    row("The report is published annually.", FRI, "annually", "SET", "P1Y"),
    row("He swims every day.", FRI, "every day", "SET", "P1D"),
    row("The paper is printed daily.", FRI, "daily", "SET", "P1D"),
    row("Figures are released weekly.", FRI, "weekly", "SET", "P1W"),
    row("The board meets every month.", FRI, "every month", "SET", "P1M"),
    row("The fair returns every year.", FRI, "every year", "SET", "P1Y"),
    row("Rent is paid monthly.", FRI, "monthly", "SET", "P1M"),
    row("The bins are emptied every week.", FRI, "every week", "SET", "P1W"),
    row("The choir sings every Sunday.", FRI, "every Sunday", "SET", "XXXX-WXX-7"),
    row("Tourists come back every summer.", FRI, "every summer", "SET", "XXXX-SU"),
    # ---- times of day
    row("The meeting starts at 3:30 p.m.", FRI, "3:30 p.m.", "TIME", "2016-06-24T15:30"),
    row("The result came at noon.", FRI, "noon", "TIME", "2016-06-24T12:00"),
    row("Sterling fell this morning.", FRI, "this morning", "TIME", "2016-06-24TMO"),
    row("He will speak this afternoon.", FRI, "this afternoon", "TIME", "2016-06-24TAF"),
    row("The vote is this evening.", FRI, "this evening", "TIME", "2016-06-24TEV"),
    row("Counting went on last night.", FRI, "last night", "TIME", "2016-06-23TNI"),
    row("Doors open at 9 a.m.", FRI, "9 a.m.", "TIME", "2016-06-24T09:00"),
    row("The train leaves at 14:00.", FRI, "14:00", "TIME", "2016-06-24T14:00"),
    row("Posted 6:28 pm ET February 11, 2013 by staff.", FRI, "6:28 pm ET February 11, 2013", "TIME", "2013-02-11T18:28"),
    row("It began at 9 a.m. on March 3, 2010.", FRI, "9 a.m. on March 3, 2010", "TIME", "2010-03-03T09:00"),
    row("Posted 6:28 pm ET Feb. 11 by staff.", FRI, "6:28 pm ET Feb. 11", "TIME", "2016-02-11T18:28"),
    row("The blast came at 10:35 a.m.", APW, "10:35 a.m.", "TIME", "1998-02-27T10:35"),
    row("The deadline passed at noon Thursday.", FRI, "noon Thursday", "TIME", "2016-06-23T12:00"),
    row("Police were called yesterday morning.", FRI, "yesterday morning", "TIME", "2016-06-23TMO"),
    row("The panel meets tomorrow afternoon.", FRI, "tomorrow afternoon", "TIME", "2016-06-25TAF"),
    row("The shots rang out around 7:15 p.m.", FRI, "around 7:15 p.m.", "TIME", "2016-06-24T19:15", "APPROX"),
    # a clock time without a.m. or p.m. takes its half of the day from the part after it
    row("He arrived at 10:30 on Tuesday night.", FRI, "10:30 on Tuesday night", "TIME", "2016-06-21T22:30"),
    row("He left at 10:30 Tuesday morning.", FRI, "10:30 Tuesday morning", "TIME", "2016-06-21T10:30"),
    row("The father will leave at 4 in the morning.", FRI, "4 in the morning", "TIME", "2016-06-24T04:00"),
    row("The talks broke up at 11 at night.", FRI, "11 at night", "TIME", "2016-06-24T23:00"),
    row("The rally starts at 8 tonight.", FRI, "8 tonight", "TIME", "2016-06-24T20:00"),
    row("He landed at 3:30 in the afternoon.", FRI, "3:30 in the afternoon", "TIME", "2016-06-24T15:30"),
    row("The bells rang at 9 o'clock in the evening.", FRI, "9 o'clock in the evening", "TIME", "2016-06-24T21:00"),
    # ---- present, past and future references
    row("Prices are now falling.", FRI, "now", "DATE", "PRESENT_REF"),
    row("The party recently changed its rules.", FRI, "recently", "DATE", "PAST_REF"),
    row("Nobody knows what the future holds.", FRI, "the future", "DATE", "FUTURE_REF"),
    row("He is currently abroad.", FRI, "currently", "DATE", "PRESENT_REF"),
    row("In the past, the party won easily.", FRI, "the past", "DATE", "PAST_REF"),
    row("We need help right now.", FRI, "right now", "DATE", "PRESENT_REF"),
    row("Few people write letters nowadays.", FRI, "nowadays", "DATE", "PRESENT_REF"),
    row("Prosecutors said they may soon seek an indictment.", FRI, "soon", "DATE", "FUTURE_REF"),
    row("Holders may buy shares at 50% of the then current market price.", FRI, "then current", "DATE", "PAST_REF"),
    row("Rates will rise in the near future.", FRI, "the near future", "DATE", "FUTURE_REF"),
    row("Turnout has fallen in recent years.", FRI, "recent years", "DATE", "PAST_REF"),
    # ---- extents: prepositions stay out
    row("The law has applied since 2010.", FRI, "2010", "DATE", "2010"),
    row("The offer runs until March 2017.", FRI, "March 2017", "DATE", "2017-03"),
    row("The rules changed in June 2016.", OCT, "June 2016", "DATE", "2016-06"),
    row("Nothing happened during 2012.", FRI, "2012", "DATE", "2012"),
    # ---- tense cues around bare months and weekdays
    row("Mr. Smith will succeed Daniel P. Davison Feb. 1, the bank said.", WSJ, "Feb. 1", "DATE", "1990-02-01"),
    row("The bank created a new office, effective Feb. 1.", WSJ, "Feb. 1", "DATE", "1990-02-01"),
    row("It was an effective treatment in May, doctors said.", WSJ, "May", "DATE", "1989-05"),
    row("The firm agreed to buy the unit for $22 million in February.", WSJ, "February", "DATE", "1990-02"),
    row("It would be paid on a still unspecified date in January.", WSJ, "January", "DATE", "1990-01"),
    row("Qantas will double its flights by August in the search for markets untouched by the crisis.", APW, "August", "DATE", "1998-08"),
    row("Protesters were planning to drive around the airport on Monday.", APW, "Monday", "DATE", "1998-03-02"),
    row("The offer had been due to expire Friday evening.", WSJ, "Friday evening", "DATE", "1989-10-27TEV"),
    row("They can take part in planning for the summit in April.", "1998-12-05", "April", "DATE", "1999-04"),
    row("The agency has given the family until 9 a.m. Tuesday to sign.", "2000-04-03", "9 a.m. Tuesday", "TIME", "2000-04-04T09:00"),
    row("He stayed in the capital until Friday.", "2000-04-05", "Friday", "DATE", "2000-03-31"),
    row("The index fell Friday, down 4.5% from the previous Friday.", "1989-10-30", "the previous Friday", "DATE", "1989-10-20"),
    row("The case may be resolved in a hearing the week of March 6, he said.", "2000-02-24", "the week of March 6", "DATE", "2000-W10"),
    row("The day before last Tuesday's hearing, Manuel went to the house.", "2000-02-24", "The day before last Tuesday", "DATE", "2000-02-21"),
    row("Two new flights will leave Bombay on Monday and Tuesday nights.", APW, "Monday", "SET", "XXXX-WXX-1TNI"),
    row("Mr. Bush let the offensive begin as previously planned Saturday night.", "1991-02-25", "Saturday night", "DATE", "1991-02-23TNI"),
    row("Protesters prayed for help as Easter week began.", "2000-04-17", "Easter week", "DATE", "2000-W16"),
    row("He was in court on Feb. 22 and appeared again the next morning.", "2000-02-24", "the next morning", "TIME", "2000-02-23TMO"),
    row("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.", "1998-08-08", "about 10:35 a.m.", "TIME", "1998-08-07T10:35", "APPROX"),
    row("Until Thursday, he had been only a witness.", "2000-04-05", "Thursday", "DATE", "2000-03-30"),
    row("More than 100 people have died since a bomb ripped through a building next to the U.S. embassy Friday.", APW, "Friday", "DATE", "1998-02-27"),
    # ---- financial reports
    row("For the year, pet food volume was flat.", WSJ, "the year", "DATE", "1989"),
    row("Revenue fell in the first nine months of the year.", WSJ, "the year", "DATE", "1989"),
    row("For the year ended Sept. 30, the company earned $422 million.", WSJ, "the year", "DURATION", "P1Y"),
    row("In the quarter ended July 31, Jayark had 5.6 million shares.", WSJ, "the quarter", "DATE", "1989-Q2"),
    row("Provigo had C$7.38 billion in sales in the latest fiscal year.", WSJ, "the latest fiscal year", "DATE", "1988"),
    row("Third-quarter net fell 9%. Last year catastrophe losses totaled $5 million. The year-earlier results have been restated.", WSJ, "The year-earlier", "DATE", "1988"),
    row("Third-quarter net fell. It earned $10.2 million in the year-ago quarter. The year-ago results have been restated.", WSJ, "The year-ago", "DATE", "1988-Q3"),
    row("Production fell 8% from a year ago. The unit blamed higher costs compared with a year earlier.", WSJ, "a year earlier", "DATE", "1988"),
    row("The plant closed in 1995. A year earlier, it had been sold.", WSJ, "A year earlier", "DATE", "1994"),
    row("It lost $8.1 million for the third quarter ended Sept. 30, against a profit of $1.8 million for the corresponding period last year.", WSJ, "the corresponding period last year", "DATE", "1988-Q3"),
    row("It lost $8.1 million for the third quarter. This quarter's loss includes charges.", WSJ, "This quarter", "DATE", "1989-Q3"),
    row("It lost $8.1 million for the third quarter. Sales will recover this quarter.", WSJ, "this quarter", "DATE", "1989-Q4"),
    row("Volume has been flat through the last half of the '80s.", WSJ, "the last half of the '80s", "DATE", "198", "END"),
    row("Losses will continue through the first two quarters of 1990.", WSJ, "the first two quarters of 1990", "DATE", "1990-H1"),
    row("Kimberly-Clark posted a 20% gain in third-quarter net. After a flat second quarter, sales rose; the quarter-to-quarter comparison was helped by charges taken in the year-earlier period.", WSJ, "the year-earlier period", "DATE", "1988-Q3"),
    row("The dividend was cut in the third quarter of 1984. Third-quarter net rose to $70 million from $67 million a year ago.", WSJ, "a year ago", "DATE", "1988-Q3"),
    row("Third-quarter net fell. Kirschner earned $376,000 in the 1988 quarter.", WSJ, "the 1988 quarter", "DATE", "1988-Q3"),
    row("Third-quarter net rose. In the nine months, net was $306 million, against $195 million in the 1988 period.", WSJ, "the 1988 period", "DATE", "1988"),
    row("For the quarter ended Sept. 30, Delta earned $133 million.", WSJ, "the quarter", "DATE", "1989-Q3"),
    row("Third-quarter profit was $24 million, compared with a loss of $3 million last year.", WSJ, "last year", "DATE", "1988-Q3"),
    row("Third-quarter sales were $1.76 billion, up from last year's $1.55 billion.", WSJ, "last year", "DATE", "1988-Q3"),
    row("Third-quarter net rose 5%. For the nine months, net was $254 million, up 56% from $163 million a year earlier.", WSJ, "a year earlier", "DATE", "1988"),
    row("Third-quarter net rose to $5 million from $4 million a year earlier.", WSJ, "a year earlier", "DATE", "1988-Q3"),
    # ---- years in words
    row("One person is killed. January nineteen ninety-seven. Atlanta again.", APW, "January nineteen ninety-seven", "DATE", "1997-01"),
    row("Oil fell to the level we saw in the winter of nineteen ninety-four.", APW, "the winter of nineteen ninety-four", "DATE", "1994-WI"),
    # ---- a second day of the same month
    row("The summit will be held on April 24 and 25.", APW, "25", "DATE", "1998-04-25"),
    row("Talks run June 3 to 5, officials said.", APW, "5", "DATE", "1998-06-05"),
    # ---- a heading in title case keeps its time words
    row("Support Independent Journalism Today", OCT, "Today", "DATE", "2020-10-30"),
    # ---- the tense and aspect of the clause decide which way an underspecified date points
    row("He was fired from his job in July.", "2013-03-22", "July", "DATE", "2012-07"),
    row("The leaked report emerged in April.", "2013-03-22", "April", "DATE", "2012-04"),
    row("Published in July, it found that most people agreed.", "2013-03-22", "July", "DATE", "2012-07"),
    row("Prices have risen since May.", "2013-03-22", "May", "DATE", "2012-05"),
    row("The plant will open in July.", "2013-03-22", "July", "DATE", "2013-07"),
    row("The plant will open in January.", "2013-03-22", "January", "DATE", "2014-01"),
    row("They are going to vote in June.", "2013-03-22", "June", "DATE", "2013-06"),
    row("The trial is scheduled for February.", "2013-03-22", "February", "DATE", "2014-02"),
    row("He said the plant would close in January.", "2013-03-22", "January", "DATE", "2014-01"),
    row("He says the plant closed in June.", "2013-03-22", "June", "DATE", "2012-06"),
    row("The court asked him to testify on Feb. 10.", "2000-01-07", "Feb. 10", "DATE", "2000-02-10"),
    row("The plan is to pay down the loan by February.", "1989-10-30", "February", "DATE", "1990-02"),
    row("The operator changed from a fiscal year to a calendar year in December.", "1989-10-27", "December", "DATE", "1988-12"),
    row("The operator asked its lenders to extend the loan in December.", "1989-10-27", "December", "DATE", "1989-12"),
    row("In a CBS News poll on June 17, 51% now think Bush will lose.", "2005-08-12", "June 17", "DATE", "2005-06-17"),
    row("Fans were gathering for Saturday's concert.", FRI, "Saturday", "DATE", "2016-06-25"),
    # "later/earlier" + a weekday: a time of a day the story is at, the nearest whatever the tense
    row("A priest plans to hold a service later Friday.", "2011-05-14", "Friday", "DATE", "2011-05-13"),
    row("Earlier Friday, rebels attacked the port.", "2011-05-12", "Friday", "DATE", "2011-05-13"),
    row("He will speak later Friday night.", "2011-05-14", "Friday night", "DATE", "2011-05-13TNI"),
    row("A priest plans to hold a service on Friday.", "2011-05-14", "Friday", "DATE", "2011-05-20"),
    row("She flies to Paris on Monday.", FRI, "Monday", "DATE", "2016-06-27"),
    row("He meets the minister on Tuesday to sign the deal.", FRI, "Tuesday", "DATE", "2016-06-28"),
    row("She flew to Paris on Monday.", FRI, "Monday", "DATE", "2016-06-20"),
    row("The law takes effect on Jan. 1.", "2016-10-12", "Jan. 1", "DATE", "2017-01-01"),
    row("The law took effect on Jan. 1.", "2016-10-12", "Jan. 1", "DATE", "2016-01-01"),
    row("The trial begins Monday.", FRI, "Monday", "DATE", "2016-06-27"),
    row("The trial began Monday.", FRI, "Monday", "DATE", "2016-06-20"),
    row("Parliament reopens in January.", "2016-10-12", "January", "DATE", "2017-01"),
    row("Its fiscal year ends June 30.", "2016-10-12", "June 30", "DATE", "2016-06-30"),
    row("He says the plant closed on Monday.", FRI, "Monday", "DATE", "2016-06-20"),
    row("It seems the vote on Tuesday was close.", FRI, "Tuesday", "DATE", "2016-06-21"),
    row("The talks were postponed till Tuesday.", FRI, "Tuesday", "DATE", "2016-06-28"),
    row("The guests stayed till Tuesday.", FRI, "Tuesday", "DATE", "2016-06-21"),
    row("Lawyers appealed Wednesday's ruling.", "2000-01-07", "Wednesday", "DATE", "2000-01-05"),
    row("The team played on Monday.", FRI, "Monday", "DATE", "2016-06-20"),
    row("The law passed in spring.", "2016-02-10", "spring", "DATE", "2015-SP"),
    row("The bridge will open in spring.", "2016-10-10", "spring", "DATE", "2017-SP"),
    row("The bridge will open this spring.", "2016-12-10", "this spring", "DATE", "2017-SP"),
    row("We planted the garden this spring.", "2016-12-10", "this spring", "DATE", "2016-SP"),
    row("The payment arrived on the 15th.", "2016-06-10", "the 15th", "DATE", "2016-05-15"),
    row("The payment will arrive on the 15th.", "2016-06-20", "the 15th", "DATE", "2016-07-15"),
    row("The payment arrived on the 15th.", "2016-06-20", "the 15th", "DATE", "2016-06-15"),
    row("The bank has extended up to $90 million in revolving loans through January.", "1989-10-30", "January", "DATE", "1990-01"),
    row("The fund had bought 481,000 shares through January.", "1989-10-30", "January", "DATE", "1989-01"),
    row("The fund rose 3% this year through August.", "1989-10-30", "August", "DATE", "1989-08"),
    # ---- narrative anchors at the precision the expression needs
    row("At the end of June 2016 the talks stalled. He noted on 1 July that nothing had moved.", "2020-08", "1 July", "DATE", "2016-07-01"),
    row("January 13, 2006 \u2013 The company was founded.\nJuly 9 \u2013 It opened its first plant.\nAugust 22 \u2013 It closed.", "2011-07-11", "August 22", "DATE", "2006-08-22"),
    row("January 13, 2006 \u2013 The first talks. July 9 \u2013 A second round. August 22 \u2013 The deal.", "2011-07-11", "August 22", "DATE", "2006-08-22"),
    row("He met her on January 13, 2006. The deal is due August 22 \u2013 a Monday.", "2011-07-11", "August 22", "DATE", "2011-08-22"),
    row("He remembered that January day in 2011.", "2013-03-21", "January", "DATE", "2011-01"),
    row("The index fell 1.2% on Friday. For the week, it dropped 3.8%.", "1989-10-30", "the week", "DATE", "1989-W43"),
    row("For the week, the index dropped 3.8%.", "1989-10-30", "the week", "DATE", "1989-W44"),
    row("Invited in July 1997, the three will join NATO on March 12.", "1999-02-27", "March 12", "DATE", "1999-03-12"),
    row("He rejected the treaty signed after the August 1988 cease-fire. Iran condemned the invasion on Aug. 2.", "1990-08-15", "Aug. 2", "DATE", "1990-08-02"),
    row("Two men were charged in the Dec. 21, 1988, bombing. They were handed over after Libya agreed in April.", "1999-06-07", "April", "DATE", "1999-04"),
    row("On March 2, 1988, a bomb went off. In April, two men were charged.", "1999-06-07", "April", "DATE", "1988-04"),
    row("The doctor was shot on Oct. 23. His page was taken down that same day.", "1999-02-06", "that same day", "DATE", "1998-10-23"),
    # ---- named days, whatever the year of the story
    row("It was the worst since the Sept. 11 attacks.", "2008-10-05", "Sept. 11", "DATE", "2001-09-11"),
    row("Security has tightened since 9/11.", "2008-10-05", "9/11", "DATE", "2001-09-11"),
    row("The board will meet on Sept. 11.", "2008-10-05", "Sept. 11", "DATE", "2009-09-11"),
    row("Veterans recalled D-Day.", FRI, "D-Day", "DATE", "1944-06-06"),
    row("Crowds gathered on Bastille Day.", FRI, "Bastille Day", "DATE", "2015-07-14"),
    row("Crowds will gather on Bastille Day.", FRI, "Bastille Day", "DATE", "2016-07-14"),
    # a present passive is no past tense; a named day without a cue reads as a month does:
    # one of the next few months is ahead, any other behind
    row("The parade is held on Bastille Day.", FRI, "Bastille Day", "DATE", "2016-07-14"),
    row("The festival is held in August.", FRI, "August", "DATE", "2016-08"),
    row("The festival was held in August.", FRI, "August", "DATE", "2015-08"),
    row("Sales at Christmas set a record.", FRI, "Christmas", "DATE", "2015-12-25"),
    row("Shoppers crowd the malls before Christmas.", "2016-11-20", "Christmas", "DATE", "2016-12-25"),
    # a plan told in the present perfect still stands; one in the past perfect is gone
    row("The next hearing has been set for 5 April.", "2010-02-09", "5 April", "DATE", "2010-04-05"),
    row("The trial has been scheduled to begin on Monday.", "2010-02-10", "Monday", "DATE", "2010-02-15"),
    row("The trial had been scheduled to begin on Monday.", "2010-02-10", "Monday", "DATE", "2010-02-08"),
    # a clause opened after the date has a tense of its own
    row("Officials told the State Department on Thursday evening that all four would be released.", "2011-03-18", "Thursday evening", "DATE", "2011-03-17TEV"),
    row("He said on Thursday that he will resign.", "2011-03-18", "Thursday", "DATE", "2011-03-17"),
    row("The board meets on Thursday and will vote.", "2011-03-15", "Thursday", "DATE", "2011-03-17"),
    # the end of a range follows its start, whatever the tense; "into" joins two ends too
    row("Explosions erupted for a second night Wednesday into Thursday morning.", "2011-05-25", "Thursday morning", "DATE", "2011-05-26TMO"),
    row("It rained from Wednesday into Thursday.", "2011-05-25", "Thursday", "DATE", "2011-05-26"),
    # a span in the past perfect is gone however long its clause; a verb of state before an
    # -ed word keeps it from being a past tense
    row("Younis had served as interior minister in Gadhafi's government until February.", "2011-07-29", "February", "DATE", "2011-02"),
    row("Officials said the road will stay closed until Monday.", "2011-07-27", "Monday", "DATE", "2011-08-01"),
    row("The road remained closed until Monday.", "2011-07-27", "Monday", "DATE", "2011-07-25"),
    # a contract's month lies ahead of the trade
    row("Wheat for December delivery closed at $5.16 on Friday.", "2008-10-25", "December", "DATE", "2008-12"),
    row("Wheat prices closed at a record in December.", "2008-10-25", "December", "DATE", "2007-12"),
    # a modal before "have" and a participle tells of the past; "have" alone is the verb
    row("If you watched the news on Friday you would have seen me.", "2009-06-01", "Friday", "DATE", "2009-05-29"),
    row("By Monday, they should have enough virus.", "2009-05-01", "Monday", "DATE", "2009-05-04"),
    # a clause opened right after the date; "the WHO" and "that year" open none
    row("Boehner asked Obama in a letter on Wednesday how he would measure success.", "2011-03-24", "Wednesday", "DATE", "2011-03-23"),
    row("On Tuesday the WHO will hold a meeting of doctors.", "2009-05-04", "Tuesday", "DATE", "2009-05-05"),
    row("She left in April 2009. The superstar died on 25 June that year.", "2011-10-26", "25 June", "DATE", "2009-06-25"),
    row("The singer died at his home in June.", "2010-03-16", "June", "DATE", "2009-06"),
    # a date opening a clause after a comma takes that clause's tense
    row("Now, as you'll recall, on Wednesday the United Kingdom expelled the diplomats.", "2011-07-29", "Wednesday", "DATE", "2011-07-27"),
    row("A bomb struck the police centre next door on Saturday.", "2011-07-26", "Saturday", "DATE", "2011-07-23"),
    # a deadline's span: the nearest cue within it decides
    row("The ship is expected to arrive in Egypt with the evacuees by Tuesday.", "2011-02-25", "Tuesday", "DATE", "2011-03-01"),
    row("He said the new rulers would abide by a truce until Saturday.", "2011-09-08", "Saturday", "DATE", "2011-09-10"),
    row("Britain hoped to put it to a vote by Friday.", "2011-09-14", "Friday", "DATE", "2011-09-16"),
    row("The girl attended school on Wednesday to Friday last week.", "2009-04-30", "Friday", "DATE", "2009-04-24"),
    # "of tomorrow" after a noun is the future in general; "as of tomorrow" is the day
    row("If I were choosing the people of tomorrow, I would choose them.", WSJ, "tomorrow", "DATE", "FUTURE_REF"),
    row("The new rules apply as of tomorrow.", WSJ, "tomorrow", "DATE", "1989-11-03"),
    # a year stated right after a named day is its year, as after a month
    row("On the day before Thanksgiving in 1991, the Senate voted.", "2009-05-30", "Thanksgiving", "DATE", "1991-11-28"),
    row("Christmas in Paris is lovely.", "2009-05-30", "Christmas", "DATE", "2008-12-25"),
    # a deadline reached in the past perfect is gone; "May" before a day is the month
    row("23,000 people had been infected in Mexico by late April.", "2009-05-11", "late April", "DATE", "2009-04", "END"),
    row("Only six aircraft had arrived in theater by March 30.", "2011-04-01", "March 30", "DATE", "2011-03-30"),
    row("The deal must be done by March 30.", "2011-04-01", "March 30", "DATE", "2012-03-30"),
    row("Between March 19 and May 26, air strikes have killed 700 people.", "2011-06-01", "March 19", "DATE", "2011-03-19"),
    # a contract's month, before the contract or after "futures for"
    row("U.S. April crude futures settled up 60 cents.", "2011-02-25", "April", "DATE", "2011-04"),
    row("Gold futures for April rose $5.70 an ounce.", "2011-03-07", "April", "DATE", "2011-04"),
    # a share of something is no quarter of the year
    row("Sales fell in one quarter and rose in the next.", "2009-06-17", "one quarter", "DURATION", "P1Q"),
    # ---- a day computed from a weekday of the month and an offset: the Tuesday after the
    # first Monday of November (in 2022 the first of November is a Tuesday, a week early)
    row("Violence will be a theme from now to Election Day.", "1998-10-26", "Election Day", "DATE", "1998-11-03"),
    row("Voters went to the polls on Election Day.", "2022-12-02", "Election Day", "DATE", "2022-11-08"),
    row("Turnout was high on Election Day.", "2016-11-20", "Election Day", "DATE", "2016-11-08"),
    # ---- a scheduling verb of the present after a plural subject looks forward; after "to"
    # or an auxiliary the word before it decides
    row("The two leaders meet on Monday in Geneva.", FRI, "Monday", "DATE", "2016-06-27"),
    row("Both teams arrive on Friday.", TUE, "Friday", "DATE", "2022-07-22"),
    row("The talks resume in September.", "2022-10-19", "September", "DATE", "2023-09"),
    row("The offer had been due to expire on Friday.", TUE, "Friday", "DATE", "2022-07-15"),
    row("They did meet on Monday.", TUE, "Monday", "DATE", "2022-07-18"),
    row("Voters go to the polls on Sunday.", TUE, "Sunday", "DATE", "2022-07-24"),
    row("They went to the polls on Sunday.", TUE, "Sunday", "DATE", "2022-07-17"),
    row("Talks began in September.", "2022-10-19", "September", "DATE", "2022-09"),
    # ---- a count and unit joined by a hyphen qualify a noun: its article is the noun's
    row("The 14-day strike ended on Friday.", FRI, "14-day", "DURATION", "P14D"),
    row("The 24-hour news cycle never stops.", FRI, "24-hour", "DURATION", "PT24H"),
    row("In the twenty-five years since, much changed.", FRI, "the twenty-five years", "DURATION", "P25Y"),
    # ---- the present as a time, not as the form of a verb
    row("They live in the present.", FRI, "the present", "DATE", "PRESENT_REF"),
    row("The past is never dead.", FRI, "The past", "DATE", "PAST_REF"),
    # ---- "that Tuesday" is the first such day from the day the story is at; after a verb
    # "that" opens a clause and the weekday is read as any other
    row("The plant closed on March 3, 2015. That Tuesday, workers gathered outside.", FRI, "That Tuesday", "DATE", "2015-03-03"),
    row("The storm hit on 12 May 2014. By that Friday, the town was flooded.", FRI, "that Friday", "DATE", "2014-05-16"),
    row("The storm hit on 12 May 2014. On that same Friday night the town flooded.", FRI, "that same Friday night", "DATE", "2014-05-16TNI"),
    row("The storm hit on 12 May 2014. Officials said that Friday the town was flooded.", FRI, "Friday", "DATE", "2016-06-24"),
    row("That Friday, the shop closed.", TUE, "That Friday", "DATE", "2022-07-15"),
    # ---- reported speech: a weekday in the sentence of a full date is read from that date;
    # "would" looks ahead from the time told, "will" from the publication date
    row("On June 2, 2015, he said he would resign on Friday.", FRI, "Friday", "DATE", "2015-06-05"),
    row("On June 2, 2015, he resigned. On Friday, the board met.", FRI, "Friday", "DATE", "2016-06-24"),
    row("In a speech on March 3, 2015, he said the vote would be held in April.", FRI, "April", "DATE", "2015-04"),
    row("On June 2, 2015, he said he would resign in May.", FRI, "May", "DATE", "2016-05"),
    row("In a speech on March 3, 2015, he said the vote will be held in April.", FRI, "April", "DATE", "2017-04"),
    # ---- "the year of" a figure is the year (a high for the year, of $42.875); "the year of
    # the flood" names a year by what happened in it
    row("The stock rose to a high for the year of $42.875 in June.", WSJ, "the year", "DATE", "1989"),
    # ---- the article before a position in a century is part of it
    row("Steel mills spread in the late 19th century.", FRI, "the late 19th century", "DATE", "18", "END"),
    # ---- a number after a label is what it labels; a year after a name dates it
    row("UN Resolution 1441 was passed in 2002.", FRI, "2002", "DATE", "2002"),
    row("The Finance Bill 2019 was passed.", FRI, "2019", "DATE", "2019"),
    # ---- a quarter that is a span of three months, not a share of something
    row("Tax payments are minimal in a quarter that produced a loss.", WSJ, "a quarter", "DURATION", "P1Q"),
    row("It took three quarters to recover.", WSJ, "three quarters", "DURATION", "P3Q"),
    # a duration keeps the unit it is told in, the quarter as the week
    row("Losses widened over the past two quarters.", WSJ, "the past two quarters", "DURATION", "P2Q"),
    row("Interest is paid every quarter.", WSJ, "every quarter", "SET", "P1Q"),
    row("Funds may see outflows in the weeks ahead.", WSJ, "the weeks ahead", "DURATION", "PXW"),
    # the part of this week still to come, or gone
    row("He will speak later this week.", OCT, "later this week", "DATE", "2020-W44", "END"),
    row("She spoke earlier this week.", OCT, "earlier this week", "DATE", "2020-W44", "START"),
    # a present "is" right before a weekday places an event to come; "was", one gone
    row("The final is on Sunday.", OCT, "Sunday", "DATE", "2020-11-01"),
    row("The final was on Sunday.", OCT, "Sunday", "DATE", "2020-10-25"),
    row("The vote is Tuesday.", OCT, "Tuesday", "DATE", "2020-11-03"),
    row("The vote was Tuesday.", OCT, "Tuesday", "DATE", "2020-10-27"),
    row("The report is due Friday.", TUE, "Friday", "DATE", "2022-07-22"),
    row("The report came out Friday.", TUE, "Friday", "DATE", "2022-07-15"),
    # named days: fixed, counted from Easter or from a weekday of a month; "last", "next" and
    # "this" before one
    row("Stores opened at dawn on Black Friday.", TUE, "Black Friday", "DATE", "2021-11-26"),
    row("Markets were closed on Good Friday.", TUE, "Good Friday", "DATE", "2022-04-15"),
    row("Parades were held on St. Patrick's Day.", TUE, "St. Patrick's Day", "DATE", "2022-03-17"),
    row("Parades were cancelled on Veterans Day.", TUE, "Veterans Day", "DATE", "2021-11-11"),
    row("We met last Christmas.", TUE, "last Christmas", "DATE", "2021-12-25"),
    row("The church will reopen next Easter.", TUE, "next Easter", "DATE", "2023-04-09"),
    row("This Christmas the family stays home.", TUE, "This Christmas", "DATE", "2022-12-25"),
    # "the early hours" of a day are the end of its night, not a count of hours
    row("Police were called in the early hours of Sunday.", TUE, "Sunday", "DATE", "2022-07-17"),
    # a past tense not in -ed looks back as one in -ed does
    row("The exhibition ran until January.", TUE, "January", "DATE", "2022-01"),
    row("The exhibition runs until January.", TUE, "January", "DATE", "2023-01"),
    row("Troops withdrew from the town in September.", TUE, "September", "DATE", "2021-09"),
    # after a verb of going, "to" names a place, not a goal in time
    row("He fled to Spain in September.", TUE, "September", "DATE", "2021-09"),
    row("The hearing was moved to September.", TUE, "September", "DATE", "2022-09"),
    # a date right after "by" is a deadline, unless a past verb comes shortly before
    row("The report must be filed by Friday.", TUE, "Friday", "DATE", "2022-07-22"),
    row("He had left by Friday.", TUE, "Friday", "DATE", "2022-07-15"),
    row("By Monday, 300 people had died.", TUE, "Monday", "DATE", "2022-07-18"),
    row("The road will be closed until Friday.", TUE, "Friday", "DATE", "2022-07-22"),
    # a later month of the same year, told in the past in the next sentence, goes on with
    # the story; told of what is to come, it is read from the publication date
    row("The firm was founded in March 2010. In May, it hired 20 people.", TUE, "May", "DATE", "2010-05"),
    row("The firm was founded in March 2010. In May, it will hire 20 people.", TUE, "May", "DATE", "2023-05"),
    # the end of a range lies after its start
    row("The market is open from Monday to Friday.", TUE, "Friday", "DATE", "2022-07-22"),
    row("Talks will run from Monday to Friday.", TUE, "Friday", "DATE", "2022-07-29"),
    row("Voting runs between Tuesday and Saturday.", TUE, "Saturday", "DATE", "2022-07-23"),
    row("The works will last from November to February.", TUE, "February", "DATE", "2023-02"),
    row("Sales rose from November to February.", TUE, "February", "DATE", "2022-02"),
    # a weekday counted in its month, the month read by the tense of its clause
    row("The court's term begins on the first Monday in October.", TUE, "the first Monday in October", "DATE", "2022-10-03"),
    row("The court met on the last Friday of June.", TUE, "the last Friday of June", "DATE", "2022-06-24"),
    row("Its session opens on the first Monday in July.", TUE, "the first Monday in July", "DATE", "2023-07-03"),
    row("Polls were held on the second Tuesday of March 2021.", TUE, "the second Tuesday of March 2021", "DATE", "2021-03-09"),
    # a span that runs on in the present ends ahead
    row("The court's term runs through June.", TUE, "June", "DATE", "2023-06"),
    row("The court's term ran through June.", TUE, "June", "DATE", "2022-06"),
    # "of that year", "of the following year": the year the story is at
    row("Attacks hit Paris in 2015, and again in November of that year.", TUE, "November of that year", "DATE", "2015-11"),
    row("He was elected in 2010 and resigned in March of the following year.", TUE, "March of the following year", "DATE", "2011-03"),
    # a clause that ends at a comma after the date keeps its own tense
    row("Macron, who is due to visit Lyon on Tuesday, condemned the attack.", APW, "Tuesday", "DATE", "1998-03-03"),
    row("Macron, who visited Lyon on Tuesday, will return next month.", APW, "Tuesday", "DATE", "1998-02-24"),
    row("Shares fell in the days ahead of the vote.", WSJ, "days", "DATE", "PAST_REF"),
    # ---- a day with its part of day: the day, and the part in the value
    row("Last night in Dubai, the team won.", FRI, "Last night", "TIME", "2016-06-23TNI"),
    row("Yesterday evening the market fell.", FRI, "Yesterday evening", "TIME", "2016-06-23TEV"),
    row("This morning the market fell.", FRI, "This morning", "TIME", "2016-06-24TMO"),
]
# fmt: on

NEGATIVES = [
    "She hosted Saturday Night Live twice.",
    "Its fiscal year ends with a loss.",
    "The firm said its year ends badly.",
    "Ratings for Monday Night Football fell.",
    "Cases of H1N1 flu were reported.",
    "The Good Friday Agreement ended the conflict.",
    "He worked into the small hours.",
    "That same man came back.",
    "On his last day, he moved briskly from photo-op to meetings.",
    "It's the last day of the party conference.",
    "I was in my last year in high school.",
    "As we kick off the last week of the season, the mood is good.",
    "It was the last day before the vote.",
    "The index rose 5 in the afternoon.",
    "Ministers may resign over the report.",
    "They may well disagree.",
    "Protesters march through the city centre.",
    "Roughly one-quarter of the confirmed cases were travellers.",
    "Thousands will march on Parliament.",
    "Marching bands played in the square.",
    "She came second in the race.",
    "The second reading passed easily.",
    "It was a second chance for the club.",
    "Some 32% of voters backed the plan.",
    "Turnout was 72.2% of the electorate.",
    "The deal was worth £1m to the club.",
    "The grant totals $5 million.",
    "The fund holds €2.5bn in assets.",
    "See section 2.2.3 for details.",
    "Clause 4.1.2 was amended by the committee.",
    "Version 3.10.2 fixes the bug.",
    "United won 3-1 at home.",
    "The final score was 21-17.",
    "They lost the game 2-0 to Leeds.",
    "Call 020 7946 0018 for tickets.",
    "Ring (212) 555-0199 to book.",
    "The 62-year-old was arrested.",
    "A 45-year-old man was injured.",
    "We sat on the bench.",
    "We will see.",
    "One day we will win.",
    "He sat on the committee.",
    "Students sat the exam.",
    "The mayor met the press.",
    "They will wed in Rome.",
    "The Sun and the Mirror reported it.",
    "The hall holds 1500 people.",
    "The bill passed by 312 votes to 187.",
    "The A14 road was closed.",
    'Mr. Baker said on ABC News\' "This Week," that the request gave them a basis.',
    "This is VOA Today.",
    "The poster showed Gary Cooper in the film High Noon.",
    "Gonzalez said on CBS's ''60 Minutes.''",
    "The bill rose by 4 and 5 percent.",
    "He was soon released from hospital.",
    "The quarter-to-quarter comparison improved.",
    "They will leave as soon as he arrives.",
    "The trickle of cash soon became a flood.",
    "He lives on the 15th floor.",
    "Funds hold more than a quarter of the entire market.",
    "In the past tense, the verb changes.",
    "It was the year of the flood.",
    "Flight 1549 landed on the river.",
    "Room 1998 is booked for the talks.",
    "Section 1983 of the code applies.",
    "Use the present participle here.",
    "Iraq imports three quarters of its food.",
    "A quarter of all voters stayed at home.",
    "It was the 20th anniversary of the crash.",
]


@pytest.mark.parametrize(("text", "dct", "expected", "kind", "value", "mod"), ROWS)
def test_phrasing(
    text: str, dct: str | None, expected: str, kind: str, value: str, mod: str | None
) -> None:
    assert expected in text, "the table row is inconsistent"
    found = tag(text, dct)
    described = [(t.text, t.type, t.value, t.mod) for t in found]
    matches = [t for t in found if t.text == expected]
    assert len(matches) == 1, f"no timex {expected!r} in {described}"
    t = matches[0]
    assert text[t.start : t.end] == expected
    assert (t.type, t.value, t.mod) == (kind, value, mod), described


@pytest.mark.parametrize("text", NEGATIVES, ids=[n[:48] for n in NEGATIVES])
def test_no_timex_in_lookalikes(text: str) -> None:
    found = tag(text, FRI)
    assert [(t.text, t.type, t.value) for t in found] == []


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) + len(NEGATIVES) >= 220


# Narrative mode: relative expressions resolve against the last explicit date before them.
# fmt: off
NARRATIVE_ROWS = [
    row("The war began in September 1939. Two years later, America joined.", FRI, "Two years later", "DATE", "1941"),
    row("The law passed in March 2015. In June, it took effect.", FRI, "June", "DATE", "2015-06"),
    row("The company was founded on 3 May 1990. The next day, its shares soared.", FRI, "The next day", "DATE", "1990-05-04"),
    row("Elections were held in 2010. The following year, the coalition split.", FRI, "The following year", "DATE", "2011"),
    row("The siege began on 1 March 2003. Three days later it ended.", FRI, "Three days later", "DATE", "2003-03-04"),
    row("In 1990 the wall came down; a year earlier, protests had begun.", FRI, "a year earlier", "DATE", "1989"),
    row("The fire broke out in June 1666. By September, London was ash.", None, "September", "DATE", "1666-09"),
    row("Work began in 1884. Two years later the bridge opened.", None, "Two years later", "DATE", "1886"),
]
# fmt: on


@pytest.mark.parametrize(("text", "dct", "expected", "kind", "value", "mod"), NARRATIVE_ROWS)
def test_narrative_phrasing(
    text: str, dct: str | None, expected: str, kind: str, value: str, mod: str | None
) -> None:
    assert expected in text, "the table row is inconsistent"
    found = tag(text, dct, mode="narrative")
    described = [(t.text, t.type, t.value, t.mod) for t in found]
    matches = [t for t in found if t.text == expected]
    assert len(matches) == 1, f"no timex {expected!r} in {described}"
    t = matches[0]
    assert (t.type, t.value, t.mod) == (kind, value, mod), described
    assert t.anchor == "narrative", t
    assert t.anchor_start is not None and t.anchor_start < t.start, t
    anchor = next(a for a in found if a.start == t.anchor_start)
    assert anchor.value == t.anchor_value, (anchor, t)


def test_anchors_are_reported() -> None:
    [relative] = tag("He left yesterday.", FRI)
    assert (relative.anchor, relative.anchor_value) == ("publication", FRI)
    [absolute] = tag("He left on 3 May 1990.", FRI)
    assert absolute.anchor is None
    [floating] = tag("They meet in April.", None)
    assert (floating.value, floating.anchor) == ("XXXX-04", "none")
