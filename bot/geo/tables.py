"""Hand-kept gazetteer tables: aliases GeoNames lacks, regions, and multi-country areas with their members.

Everything here is plain data; ``bot.geo.index`` turns it, GeoNames cities and the CLDR territory names of
``language_data`` into one lookup index.
"""

from __future__ import annotations

# Languages whose CLDR territory names become country aliases ("Deutschland", "Espagne", "Italia"…).
# Kept to widely written languages so that rare-language names cannot collide with English words.
TERRITORY_NAME_LANGUAGES: tuple[str, ...] = (
    "en", "fr", "de", "es", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "cs", "sk", "ro", "hu", "tr",
    "el", "ru", "uk", "ja", "zh", "zh-Hant", "ko", "ar", "he", "ca", "hr", "sl", "bg", "lt", "lv", "et",
    "id", "vi", "th", "hi",
)  # fmt: skip

# Extra country names: (ISO alpha-2, names…). Short upper-case codes live in CAPS_COUNTRY_CODES.
COUNTRY_ALIASES: tuple[tuple[str, ...], ...] = (
    (
        "US",
        "USA",
        "U.S.A.",
        "United States of America",
        "United States",
        "America",
        "Estados Unidos",
        "New England",
    ),  # a part of the US, and not England
    ("GB", "United Kingdom", "Great Britain", "Britain", "U.K"),
    # German postings' "country-wide": "Deutschlandweit", "österreichweit", "schweizweit"
    ("DE", "Deutschlandweit"),
    ("AT", "Österreichweit", "Oesterreichweit"),
    ("CH", "Schweizweit"),
    ("NL", "Holland", "The Netherlands", "Nederland"),
    ("CZ", "Czechia", "Czech Republic"),
    ("SK", "Slovak Republic"),
    ("KR", "Korea", "South Korea", "Republic of Korea"),
    ("KP", "North Korea"),
    ("AE", "UAE", "U.A.E.", "Emirates"),
    ("TR", "Turkey", "Türkiye", "Turkiye"),
    ("CI", "Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    ("RU", "Russia", "Russian Federation"),
    ("VN", "Vietnam", "Viet Nam"),
    ("TW", "Taiwan"),
    ("HK", "Hong Kong", "Hong Kong SAR"),
    ("MO", "Macau", "Macao"),
    ("CN", "China", "Mainland China", "PRC"),
    ("IR", "Iran"),
    ("SY", "Syria"),
    ("LA", "Laos"),
    ("MD", "Moldova"),
    ("BO", "Bolivia"),
    ("VE", "Venezuela"),
    ("TZ", "Tanzania"),
    ("CD", "DR Congo", "DRC", "Democratic Republic of the Congo"),
    ("CG", "Republic of the Congo", "Congo-Brazzaville"),
    ("CV", "Cabo Verde", "Cape Verde"),
    ("MK", "North Macedonia", "Macedonia"),
    ("PS", "Palestine"),
    ("FR", "France, Metropolitan", "Metropolitan France"),
    ("IE", "Republic of Ireland", "Éire"),
    ("PH", "The Philippines"),
    ("BA", "Bosnia", "Bosnia and Herzegovina"),
    ("SZ", "Eswatini", "Swaziland"),
    ("MM", "Myanmar", "Burma"),
    # the country, where a US state shares its name ("Georgia" alone is the state: STATE_OVER_COUNTRY)
    ("GE", "Georgia (country)", "Country of Georgia", "Republic of Georgia", "Sakartvelo"),
)

# Territories with their own ISO code that location fields qualify with their sovereign ("Hong Kong, China").
TERRITORIES: dict[str, tuple[str, ...]] = {
    "CN": ("HK", "MO"),
    "US": ("PR", "GU", "VI", "AS", "MP"),
    "GB": ("GG", "JE", "IM", "GI"),
    "FR": ("GP", "MQ", "GF", "RE", "YT", "NC", "PF"),
    "NL": ("AW", "CW", "SX"),
    "DK": ("GL", "FO"),
}

# Upper-case-only country codes beyond ISO alpha-2 ("us" and "uk" are words or could be; "US"/"UK" are not),
# with the ISO alpha-3 codes location fields use ("Toronto, ON, CAN"; "CAN" is no Turkish town Çan). Codes
# that are also common abbreviations are left out ("IND", "FIN", "PER", "ARE").
CAPS_COUNTRY_CODES: tuple[tuple[str, str], ...] = (
    ("US", "US"), ("US", "U.S."), ("GB", "UK"), ("GB", "U.K."), ("US", "USA"), ("AE", "UAE"), ("GB", "GBR"),
    ("CA", "CAN"), ("MX", "MEX"), ("BR", "BRA"), ("AR", "ARG"), ("CO", "COL"), ("CL", "CHL"), ("DE", "DEU"),
    ("FR", "FRA"), ("ES", "ESP"), ("IT", "ITA"), ("NL", "NLD"), ("BE", "BEL"), ("CH", "CHE"), ("AT", "AUT"),
    ("PT", "PRT"), ("IE", "IRL"), ("PL", "POL"), ("SE", "SWE"), ("NO", "NOR"), ("DK", "DNK"), ("AU", "AUS"),
    ("NZ", "NZL"), ("JP", "JPN"), ("CN", "CHN"), ("KR", "KOR"), ("SG", "SGP"), ("PH", "PHL"), ("IL", "ISR"),
    ("ZA", "ZAF"), ("SA", "KSA"),  # the Kingdom of Saudi Arabia
)  # fmt: skip

# ISO codes that are also common upper-case words or abbreviations in postings: never a country on their own.
NOT_COUNTRY_CODES: frozenset[str] = frozenset({
    "AI", "IT", "ID", "PR", "QA", "TV", "AM", "PM", "BI", "CV", "HR", "IO", "MS", "SA", "SE", "SO",
    "TO", "ME", "NO", "AS", "AT", "IN", "OR", "BE", "GO", "MY", "UX", "UI", "IS", "EU", "NA",
})  # fmt: skip

# Country codes that are also US time zones in a location field ("PT Remote", "ET/CT/PT"): there they only
# qualify a place before them ("Lisbon, PT"). A query reads them as it always did.
ZONE_CODES: frozenset[str] = frozenset({"PT", "ET", "MT"})

# Names (and upper-case codes, written as "=CODE") that mean a city: (country, GeoNames name, aliases…).
CITY_ALIASES: tuple[tuple[str, ...], ...] = (
    ("US", "New York City", "NYC", "=NY", "=NYC", "New York", "Manhattan", "Brooklyn"),
    (
        "US",
        "San Francisco",
        "=SF",
        "SF Bay Area",
        "San Francisco Bay Area",
        "Bay Area",
        "San Fran",
        "SF Bay",
        "San Francisco Bay",
    ),
    ("US", "Los Angeles", "=LA", "L.A", "Playa Vista", "Playa del Rey"),  # its districts; not Vista, CA
    ("US", "Dallas", "=DFW", "Dallas-Fort Worth", "Dallas/Fort Worth", "Dallas Fort Worth"),
    ("US", "Tampa", "Tampa Bay", "Tampa Bay Area"),  # not the (San Francisco) "Bay Area"
    ("US", "Washington", "=DC", "Washington DC", "Washington D.C.", "D.C"),
    ("US", "Salt Lake City", "=SLC"),
    ("US", "Minneapolis", "Twin Cities"),
    ("US", "Oakland", "East Bay"),
    ("US", "San Jose", "South Bay", "Silicon Valley"),
    ("CA", "Toronto", "Greater Toronto Area", "=GTA"),
    ("GB", "London", "Greater London", "Central London", "City of London", "=LDN"),
    ("ES", "Barcelona", "=BCN"),  # as its airport's code is written for the city ("BCN", "LDN", "NYC")
    ("IN", "Bengaluru", "Bangalore", "Bengaluru Urban", "=BLR"),
    ("IN", "Hyderabad", "=HYD"),
    ("IN", "Gurugram", "Gurgaon"),
    ("IN", "Mumbai", "Bombay"),
    ("IN", "New Delhi", "Delhi NCR", "=NCR"),
    ("VN", "Ho Chi Minh City", "Saigon", "=HCMC"),
    ("MX", "Mexico City", "=CDMX", "Ciudad de México", "Ciudad de Mexico"),
    ("BR", "Rio de Janeiro", "Rio"),  # as people call it; "Rio Grande", "Rio Tinto" are longer names
    ("MY", "Kuala Lumpur", "=KL"),
    ("PH", "Manila", "Metro Manila", "Manilla"),
    ("AE", "Dubai", "Dubai City", "=DXB"),
    ("IL", "Tel Aviv", "Tel Aviv-Yafo", "Tel-Aviv", "Tel Aviv Yafo", "=TLV"),
    ("FR", "Antibes", "Sophia Antipolis", "Sophia-Antipolis"),  # its technology park; not Sofia ("Sophia")
    ("DE", "Frankfurt am Main", "Frankfurt", "Frankfurt a.M."),
    ("DE", "Munich", "München", "Muenchen", "=MUC"),
    ("US", "Austin", "=ATX"),
    ("US", "Atlanta", "=ATL"),  # city codes people type for the city ("atl/nyc", "chi or sf")
    ("US", "Chicago", "=CHI"),
    ("DE", "Köln", "Cologne", "Koeln"),
    ("DE", "Düsseldorf", "Duesseldorf"),
    ("DE", "Nürnberg", "Nuremberg"),
    ("CH", "Zürich", "Zurich", "Zuerich"),
    ("NL", "The Hague", "Den Haag", "'s-Gravenhage"),
    ("KR", "Seoul", "Seoul City"),
    ("UA", "Kyiv", "Kiev"),
)

# Display names in English where GeoNames uses the local one (the folded GeoNames name stays an alias).
CITY_DISPLAY: dict[str, str] = {"Köln": "Cologne", "Sevilla": "Seville", "Nürnberg": "Nuremberg"}

# Names shared by a country and a US state that postings mean as the state far more often.
STATE_OVER_COUNTRY: frozenset[str] = frozenset({"georgia"})

# Names shared by a region and a smaller city that a name alone means as often: the city stays first, and
# the posting's other places or country evidence may choose the region ("New Brunswick": NJ or Canada).
CITY_OVER_REGION: frozenset[str] = frozenset({"new brunswick"})

# Upper-case codes that stand for a place even in running text; any other code there is more likely an
# abbreviation ("ML", "AI", "HR") and only counts as a qualifier ("Austin, TX").
PROSE_CODES: frozenset[str] = frozenset({"US", "USA", "UK", "UAE", "NYC", "SF", "LA", "DC", "EU"})

# Regions outside the US: (ISO alpha-2, a city inside it whose admin1 code names the region, names…).
# A name written "~Name" is only the region's display name, never looked up; "=CODE" is a qualifier code.
# A region whose name is also its main city (Berlin, Madrid, Vienna…) is left out: the city is meant.
REGIONS: tuple[tuple[str, ...], ...] = (
    ("FR", "Paris", "Île-de-France", "Ile de France", "IDF", "Paris Region", "Région parisienne"),
    ("FR", "Lyon", "Auvergne-Rhône-Alpes"),
    ("FR", "Marseille", "Provence-Alpes-Côte d'Azur", "PACA", "Provence"),
    ("FR", "Toulouse", "Occitanie", "Occitania"),
    ("FR", "Bordeaux", "Nouvelle-Aquitaine"),
    ("FR", "Lille", "Hauts-de-France"),
    ("FR", "Strasbourg", "Grand Est"),
    ("FR", "Rennes", "Bretagne", "Brittany"),
    ("FR", "Nantes", "Pays de la Loire"),
    ("FR", "Rouen", "Normandie", "Normandy"),
    ("DE", "Munich", "Bavaria", "Bayern"),
    ("DE", "Stuttgart", "Baden-Württemberg", "Baden-Wuerttemberg"),
    ("DE", "Frankfurt am Main", "Hesse", "Hessen"),
    ("DE", "Köln", "North Rhine-Westphalia", "Nordrhein-Westfalen", "NRW"),
    ("DE", "Hannover", "Lower Saxony", "Niedersachsen"),
    ("DE", "Dresden", "Saxony", "Sachsen"),
    ("DE", "Mainz", "Rhineland-Palatinate", "Rheinland-Pfalz"),
    ("DE", "Kiel", "Schleswig-Holstein"),
    ("DE", "Erfurt", "Thuringia", "Thüringen"),
    ("DE", "Potsdam", "Brandenburg"),
    ("ES", "Barcelona", "Catalonia", "Cataluña", "Catalunya"),
    ("ES", "Madrid", "Community of Madrid", "Comunidad de Madrid"),
    ("ES", "Sevilla", "Andalusia", "Andalucía"),
    ("ES", "Valencia", "Valencian Community", "Comunidad Valenciana", "Comunitat Valenciana"),
    ("ES", "Bilbao", "Basque Country", "País Vasco", "Euskadi"),
    ("IT", "Milan", "Lombardy", "Lombardia"),
    ("IT", "Rome", "Lazio"),
    ("IT", "Turin", "Piedmont", "Piemonte"),
    ("IT", "Venice", "Veneto"),
    ("IT", "Bologna", "Emilia-Romagna"),
    ("IT", "Florence", "Tuscany", "Toscana"),
    ("IT", "Naples", "Campania"),
    ("IT", "Palermo", "Sicily", "Sicilia"),
    # Mexican states and Colombian departments written after their cities ("Medellín, Antioquia", not
    # Antakya, whose old name that is; "Monterrey, Nuevo León"); those named like their capital are left out
    ("CO", "Medellín", "Antioquia"),
    ("CO", "Cali", "Valle del Cauca"),
    ("CO", "Barranquilla", "Atlántico", "Atlantico"),
    ("MX", "Guadalajara", "Jalisco"),
    ("MX", "Monterrey", "Nuevo León", "Nuevo Leon"),
    ("MX", "Tijuana", "Baja California"),
    ("MX", "Mérida", "Yucatán", "Yucatan"),
    ("MX", "Cancún", "Quintana Roo"),
    ("MX", "Hermosillo", "Sonora"),
    # islands people name as one place (their regions span the islands, so "Mallorca" reads as all of them)
    ("IT", "Cagliari", "Sardinia", "Sardegna"),
    ("FR", "Ajaccio", "Corsica", "Corse"),
    (
        "ES",
        "Palma",
        "Balearic Islands",
        "Illes Balears",
        "Islas Baleares",
        "Baleares",
        "Balearics",
        "Mallorca",
        "Majorca",
    ),
    ("ES", "Las Palmas de Gran Canaria", "Canary Islands", "Canarias", "Islas Canarias", "Canaries"),
    ("PT", "Funchal", "Madeira"),
    ("PT", "Ponta Delgada", "Azores", "Açores", "Acores"),
    ("GR", "Irákleion", "Crete", "Kriti"),
    ("BE", "Antwerp", "Flanders", "Vlaanderen", "Flemish Region"),
    ("BE", "Liège", "Wallonia", "Wallonie", "Walloon Region"),
    ("ES", "Vigo", "Galicia"),
    ("AT", "Innsbruck", "Tyrol", "Tirol"),
    ("FI", "Rovaniemi", "Lapland", "Lappi"),
    ("GB", "London", "England", "=ENG"),
    ("GB", "Edinburgh", "Scotland"),
    ("GB", "Cardiff", "Wales"),
    ("GB", "Belfast", "Northern Ireland"),
    ("CA", "Toronto", "Ontario", "=ON"),
    ("CA", "Montréal", "Quebec", "Québec", "=QC"),
    ("CA", "Vancouver", "British Columbia", "=BC"),
    ("CA", "Calgary", "Alberta", "=AB"),
    ("CA", "Winnipeg", "Manitoba", "=MB"),
    ("CA", "Halifax", "Nova Scotia", "=NS"),
    ("CA", "Saskatoon", "Saskatchewan", "=SK"),
    # "New Brunswick" alone is New Brunswick, NJ first (CITY_OVER_REGION); the posting's evidence decides
    ("CA", "Fredericton", "New Brunswick", "=NB"),
    ("CA", "St. John's", "Newfoundland and Labrador", "Newfoundland", "=NL"),
    # "PE" and "NT" stay Pernambuco's and the Northern Territory's: in a list of codes the first holder wins
    ("CA", "Charlottetown", "Prince Edward Island", "=PEI"),
    ("CA", "Whitehorse", "Yukon", "=YT"),
    ("CA", "Yellowknife", "Northwest Territories", "=NWT"),
    # Nunavut has no city the gazetteer holds as one, so its GeoNames region code anchors it ("#14")
    ("CA", "#14", "Nunavut", "=NU"),
    ("AU", "Sydney", "New South Wales", "=NSW"),
    ("AU", "Melbourne", "Victoria", "=VIC"),
    ("AU", "Brisbane", "Queensland", "=QLD"),
    ("AU", "Perth", "Western Australia", "=WA"),
    ("AU", "Adelaide", "South Australia", "=SA"),
    ("AU", "Hobart", "Tasmania", "=TAS"),
    ("AU", "Darwin", "Northern Territory", "=NT"),
    ("AU", "Canberra", "Australian Capital Territory", "=ACT"),
    ("IN", "Bengaluru", "Karnataka", "=KA"),
    ("IN", "Mumbai", "Maharashtra", "=MH"),
    ("IN", "Hyderabad", "Telangana", "=TS", "=TG"),
    ("IN", "Chennai", "Tamil Nadu", "=TN"),
    ("IN", "Gurugram", "Haryana", "=HR"),
    ("IN", "Ahmedabad", "Gujarat", "=GJ"),
    ("IN", "Jaipur", "Rajasthan"),  # "RJ", "AP", "PB" stay Brazil's states (Rio de Janeiro, Amapá, Paraíba)
    ("IN", "Lucknow", "Uttar Pradesh", "=UP"),
    ("IN", "Kolkata", "West Bengal", "=WB"),
    ("IN", "Kochi", "Kerala", "=KL"),
    ("IN", "New Delhi", "~Delhi", "National Capital Territory of Delhi", "=DL"),
    ("IN", "Ludhiana", "~Punjab"),  # the name is Pakistan's province too
    ("IN", "Indore", "Madhya Pradesh", "=MP"),
    ("IN", "Visakhapatnam", "Andhra Pradesh"),
    ("IN", "Bhubaneswar", "Odisha", "Orissa", "=OD"),
    ("IN", "Patna", "Bihar", "=BR"),
    ("IN", "Guwahati", "Assam", "=AS"),
    ("IN", "Ranchi", "Jharkhand", "=JH"),
    ("IN", "Raipur", "Chhattisgarh", "=CG"),
    ("IN", "Dehradun", "Uttarakhand"),  # its code "UK" is the United Kingdom
    ("IN", "Shimla", "Himachal Pradesh", "=HP"),
    # Chinese provinces and autonomous regions, anchored on their capitals ("Shandong, China", "Suzhou,
    # Jiangsu"). The municipalities (Beijing, Shanghai, Tianjin, Chongqing) stay the cities; "Jilin" alone is
    # the city. Their two-letter codes ("SD", "GD", "JS") are other places' first and seldom written.
    ("CN", "Guangzhou", "Guangdong", "Guangdong Province", "广东", "广东省"),
    ("CN", "Jinan", "Shandong", "Shandong Province", "山东", "山东省"),
    ("CN", "Nanjing", "Jiangsu", "Jiangsu Province", "江苏", "江苏省"),
    ("CN", "Hangzhou", "Zhejiang", "Zhejiang Province", "浙江", "浙江省"),
    ("CN", "Chengdu", "Sichuan", "Sichuan Province", "四川", "四川省"),
    ("CN", "Wuhan", "Hubei", "Hubei Province", "湖北", "湖北省"),
    ("CN", "Changsha", "Hunan", "Hunan Province", "湖南", "湖南省"),
    ("CN", "Zhengzhou", "Henan", "Henan Province", "河南", "河南省"),
    ("CN", "Shijiazhuang", "Hebei", "Hebei Province", "河北", "河北省"),
    ("CN", "Fuzhou", "Fujian", "Fujian Province", "福建", "福建省"),
    ("CN", "Hefei", "Anhui", "Anhui Province", "安徽", "安徽省"),
    ("CN", "Shenyang", "Liaoning", "Liaoning Province", "辽宁", "辽宁省"),
    ("CN", "Changchun", "~Jilin", "Jilin Province", "吉林省"),
    ("CN", "Harbin", "Heilongjiang", "Heilongjiang Province", "黑龙江", "黑龙江省"),
    ("CN", "Xi'an", "Shaanxi", "Shaanxi Province", "陕西", "陕西省"),
    ("CN", "Taiyuan", "Shanxi", "Shanxi Province", "山西", "山西省"),
    ("CN", "Nanchang", "Jiangxi", "Jiangxi Province", "江西", "江西省"),
    ("CN", "Kunming", "Yunnan", "Yunnan Province", "云南", "云南省"),
    ("CN", "Guiyang", "Guizhou", "Guizhou Province", "贵州", "贵州省"),
    ("CN", "Haikou", "Hainan", "Hainan Province", "海南", "海南省"),
    ("CN", "Lanzhou", "Gansu", "Gansu Province", "甘肃", "甘肃省"),
    ("CN", "Xining", "Qinghai", "Qinghai Province", "青海", "青海省"),
    ("CN", "Nanning", "Guangxi", "广西"),
    ("CN", "Hohhot", "Inner Mongolia", "内蒙古"),
    ("CN", "Urumqi", "Xinjiang", "新疆"),
    ("CN", "Lhasa", "Tibet", "西藏"),
    ("CN", "Yinchuan", "Ningxia", "宁夏"),
    # US states come from GeoNames; these only add names of parts of a state that mean no one city.
    ("US", "Los Angeles", "~California", "Central Coast of California", "California Central Coast"),
    # Brazilian states: boards write their two-letter codes after the city ("Florianópolis/SC", "Belo
    # Horizonte, MG"), codes that are also countries (Seychelles, Madagascar) or US states (South Carolina).
    # Names that are also other places (Acre, Amazonas, Distrito Federal) are display names only.
    ("BR", "Rio Branco", "~Acre", "=AC"),
    ("BR", "Maceió", "Alagoas", "=AL"),
    ("BR", "Macapá", "Amapá", "=AP"),
    ("BR", "Manaus", "~Amazonas", "=AM"),
    ("BR", "Salvador", "Bahia", "=BA"),
    ("BR", "Fortaleza", "Ceará", "=CE"),
    ("BR", "Brasília", "~Federal District", "=DF"),
    ("BR", "Vitória", "Espírito Santo", "=ES"),
    ("BR", "Goiânia", "Goiás", "=GO"),
    ("BR", "São Luís", "Maranhão", "=MA"),
    ("BR", "Cuiabá", "Mato Grosso", "=MT"),
    ("BR", "Campo Grande", "Mato Grosso do Sul", "=MS"),
    ("BR", "Belo Horizonte", "Minas Gerais", "=MG"),
    ("BR", "Belém", "Pará", "=PA"),
    ("BR", "João Pessoa", "Paraíba", "=PB"),
    ("BR", "Curitiba", "Paraná", "=PR"),
    ("BR", "Recife", "Pernambuco", "=PE"),
    ("BR", "Teresina", "Piauí", "=PI"),
    ("BR", "Rio de Janeiro", "~Rio de Janeiro", "=RJ"),
    ("BR", "Natal", "Rio Grande do Norte", "=RN"),
    ("BR", "Porto Alegre", "Rio Grande do Sul", "=RS"),
    ("BR", "Porto Velho", "Rondônia", "=RO"),
    ("BR", "Boa Vista", "Roraima", "=RR"),
    ("BR", "Florianópolis", "Santa Catarina", "=SC"),
    ("BR", "São Paulo", "~São Paulo", "=SP"),
    ("BR", "Aracaju", "Sergipe", "=SE"),
    ("BR", "Palmas", "Tocantins", "=TO"),
    ("NL", "Amsterdam", "North Holland", "Noord-Holland"),
    ("NL", "Rotterdam", "South Holland", "Zuid-Holland"),
    # Japanese prefectures (anchored on their capitals). "~Chiba" is a display name only: bare "Chiba" is
    # the city, while "千葉県" and "Chiba Prefecture" are the prefecture. Tokyo (東京都) stays the city.
    ("JP", "Sapporo", "Hokkaido", "Hokkaido Prefecture", "北海道"),
    ("JP", "Aomori", "~Aomori", "Aomori Prefecture", "青森県"),
    ("JP", "Morioka", "Iwate", "Iwate Prefecture", "岩手県"),
    ("JP", "Sendai", "Miyagi", "Miyagi Prefecture", "宮城県"),
    ("JP", "Akita", "~Akita", "Akita Prefecture", "秋田県"),
    ("JP", "Yamagata", "~Yamagata", "Yamagata Prefecture", "山形県"),
    ("JP", "Fukushima", "~Fukushima", "Fukushima Prefecture", "福島県"),
    ("JP", "Mito", "Ibaraki", "Ibaraki Prefecture", "茨城県"),
    ("JP", "Utsunomiya", "Tochigi", "Tochigi Prefecture", "栃木県"),
    ("JP", "Maebashi", "Gunma", "Gunma Prefecture", "群馬県"),
    ("JP", "Saitama", "~Saitama", "Saitama Prefecture", "埼玉県"),
    ("JP", "Chiba", "~Chiba", "Chiba Prefecture", "千葉県"),
    ("JP", "Yokohama", "Kanagawa", "Kanagawa Prefecture", "神奈川県"),
    ("JP", "Niigata", "~Niigata", "Niigata Prefecture", "新潟県"),
    ("JP", "Toyama", "~Toyama", "Toyama Prefecture", "富山県"),
    ("JP", "Kanazawa", "Ishikawa", "Ishikawa Prefecture", "石川県"),
    ("JP", "Fukui", "~Fukui", "Fukui Prefecture", "福井県"),
    ("JP", "Kofu", "Yamanashi", "Yamanashi Prefecture", "山梨県"),
    ("JP", "Nagano", "~Nagano", "Nagano Prefecture", "長野県"),
    ("JP", "Gifu", "~Gifu", "Gifu Prefecture", "岐阜県"),
    ("JP", "Shizuoka", "~Shizuoka", "Shizuoka Prefecture", "静岡県"),
    ("JP", "Nagoya", "Aichi", "Aichi Prefecture", "愛知県"),
    ("JP", "Tsu", "Mie", "Mie Prefecture", "三重県"),
    ("JP", "Otsu", "Shiga", "Shiga Prefecture", "滋賀県"),
    ("JP", "Kyoto", "~Kyoto", "Kyoto Prefecture", "京都府"),
    ("JP", "Osaka", "~Osaka", "Osaka Prefecture", "大阪府"),
    ("JP", "Kobe", "Hyogo", "Hyogo Prefecture", "兵庫県"),
    ("JP", "Nara", "~Nara", "Nara Prefecture", "奈良県"),
    ("JP", "Wakayama", "~Wakayama", "Wakayama Prefecture", "和歌山県"),
    ("JP", "Tottori", "~Tottori", "Tottori Prefecture", "鳥取県"),
    ("JP", "Matsue", "Shimane", "Shimane Prefecture", "島根県"),
    ("JP", "Okayama", "~Okayama", "Okayama Prefecture", "岡山県"),
    ("JP", "Hiroshima", "~Hiroshima", "Hiroshima Prefecture", "広島県"),
    ("JP", "Yamaguchi", "~Yamaguchi", "Yamaguchi Prefecture", "山口県"),
    ("JP", "Tokushima", "~Tokushima", "Tokushima Prefecture", "徳島県"),
    ("JP", "Takamatsu", "Kagawa", "Kagawa Prefecture", "香川県"),
    ("JP", "Matsuyama", "Ehime", "Ehime Prefecture", "愛媛県"),
    ("JP", "Kochi", "~Kochi", "Kochi Prefecture", "高知県"),
    ("JP", "Fukuoka", "~Fukuoka", "Fukuoka Prefecture", "福岡県"),
    ("JP", "Saga", "~Saga", "Saga Prefecture", "佐賀県"),
    ("JP", "Nagasaki", "~Nagasaki", "Nagasaki Prefecture", "長崎県"),
    ("JP", "Kumamoto", "~Kumamoto", "Kumamoto Prefecture", "熊本県"),
    ("JP", "Oita", "~Oita", "Oita Prefecture", "大分県"),
    ("JP", "Miyazaki", "~Miyazaki", "Miyazaki Prefecture", "宮崎県"),
    ("JP", "Kagoshima", "~Kagoshima", "Kagoshima Prefecture", "鹿児島県"),
    ("JP", "Naha", "Okinawa", "Okinawa Prefecture", "沖縄県"),
)

# Counties of the UK, as location fields write them between a town and its country ("Basingstoke,
# Hampshire", "Guildford, Surrey, UK"): (ISO alpha-2, a city of the nation they lie in, names…). Each is a
# name of that nation, weaker than any city of its name: alone, "Surrey" stays the city in British Columbia.
COUNTIES: tuple[tuple[str, ...], ...] = (
    ("GB", "London", "Bedfordshire", "Berkshire", "Berks", "Buckinghamshire", "Bucks", "Cambridgeshire",
     "Cambs", "Cheshire", "Cornwall", "Cumbria", "Derbyshire", "Devon", "Dorset", "County Durham",
     "East Riding of Yorkshire", "East Sussex", "Essex", "Gloucestershire", "Glos", "Greater Manchester",
     "Hampshire", "Hants", "Herefordshire", "Hertfordshire", "Herts", "Isle of Wight", "Kent", "Lancashire",
     "Lancs", "Leicestershire", "Leics", "Lincolnshire", "Lincs", "Merseyside", "Middlesex", "Norfolk",
     "North Yorkshire", "Northamptonshire", "Northants", "Northumberland", "Nottinghamshire", "Notts",
     "Oxfordshire", "Oxon", "Rutland", "Shropshire", "Somerset", "South Yorkshire", "Staffordshire",
     "Staffs", "Suffolk", "Surrey", "Sussex", "Tyne and Wear", "Warwickshire", "West Midlands",
     "West Sussex", "West Yorkshire", "Wiltshire", "Wilts", "Worcestershire", "Worcs", "Yorkshire"),
    ("GB", "Edinburgh", "Aberdeenshire", "Ayrshire", "Dumfries and Galloway", "East Lothian", "Fife",
     "Lanarkshire", "Lothian", "Midlothian", "Moray", "Perthshire", "Renfrewshire", "West Lothian"),
    ("GB", "Cardiff", "Anglesey", "Carmarthenshire", "Ceredigion", "Denbighshire", "Flintshire", "Glamorgan",
     "Gwent", "Gwynedd", "Monmouthshire", "Pembrokeshire", "Powys", "Vale of Glamorgan"),
    ("GB", "Belfast", "County Antrim", "County Armagh", "County Down", "County Fermanagh",
     "County Londonderry", "County Tyrone"),
)  # fmt: skip

# Multi-country areas: key → (names…). Members come from AREA_MEMBERS or GeoNames continent codes.
AREA_NAMES: dict[str, tuple[str, ...]] = {
    "europe": ("Europe", "Europa", "European", "Continental Europe"),
    "eu": ("European Union", "=EU", "Union européenne", "Europäische Union", "Unión Europea"),
    "eea": ("European Economic Area", "=EEA"),
    "emea": ("EMEA", "Europe, Middle East and Africa", "Europe, Middle East & Africa"),
    "dach": ("DACH", "D-A-CH"),
    "benelux": ("Benelux",),
    "nordics": ("Nordics", "Nordic", "Nordic countries", "Scandinavia", "Nordic region"),
    "baltics": ("Baltics", "Baltic states", "Baltic countries"),
    "iberia": ("Iberia", "Iberian Peninsula"),
    "balkans": ("Balkans", "the Balkans"),
    "caribbean": ("Caribbean", "the Caribbean"),
    "cee": ("CEE", "Central and Eastern Europe", "Central & Eastern Europe", "Eastern Europe"),
    "uki": ("UK&I", "UKI", "UK and Ireland", "UK & Ireland"),
    "latam": ("LatAm", "LATAM", "Latin America", "América Latina", "Latinoamérica", "Lat Am"),
    "namer": ("NAMER", "NA region"),
    # "NA" in a location field is North America far more often than Namibia (still "Windhoek, NA").
    "north america": ("North America", "Norteamérica", "Amérique du Nord", "Nordamerika", "=NA"),
    "south america": ("South America", "Sudamérica", "América del Sur"),
    "central america": ("Central America", "Centroamérica"),
    "americas": (
        "Americas",
        "The Americas",
        "AMER",
        "AMERS",
        "North to South America",
        "North and South America",
    ),
    "apac": ("APAC", "Asia Pacific", "Asia-Pacific", "APJ", "Asia and Pacific"),
    "asia": ("Asia",),
    "southeast asia": ("Southeast Asia", "South East Asia", "South-East Asia"),
    "middle east": ("Middle East",),
    "mena": ("MENA", "Middle East and North Africa", "Middle East & North Africa"),
    "africa": ("Africa", "Afrique"),
    "oceania": ("Oceania", "ANZ", "Australia and New Zealand", "Australia & New Zealand"),
}

_EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
_MIDDLE_EAST = "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE"
_CENTRAL_AMERICA = "BZ CR SV GT HN NI PA"

# Members by hand; "@XX" pulls in every country of GeoNames continent XX, "-YY" removes one, "&key" an area.
AREA_MEMBERS: dict[str, str] = {
    "europe": "@EU",
    "eu": _EU,
    "eea": f"{_EU} IS LI NO",
    "emea": "@EU @AF &middle east",
    "dach": "DE AT CH",
    "benelux": "BE NL LU",
    "nordics": "DK FI IS NO SE",
    "baltics": "EE LV LT",
    "iberia": "ES PT",
    "balkans": "AL BA BG HR XK ME MK RS SI",
    "caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "cee": "PL CZ SK HU RO BG HR SI RS BA ME MK AL EE LV LT UA MD BY",
    "uki": "GB IE",
    "latam": f"MX {_CENTRAL_AMERICA} @SA CU DO PR HT",
    "namer": "US CA",
    "north america": "US CA MX",
    "south america": "@SA",
    "central america": _CENTRAL_AMERICA,
    "americas": "@NA @SA",
    "apac": "@AS @OC &-middle east -AM -AZ -GE -KZ -KG -TJ -TM -UZ -AF",
    "asia": "@AS",
    "southeast asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "middle east": _MIDDLE_EAST,
    "mena": f"{_MIDDLE_EAST} DZ LY MA TN",
    "africa": "@AF",
    "oceania": "@OC",
}

# Words that are place names somewhere but in a location field mean something else ("Remote", "Office").
# Words before "…, CA" that say how, not where: "Remote, CA" keeps its old reading.
WORKPLACE_WORDS: frozenset[str] = frozenset(
    {"remote", "hybrid", "onsite", "anywhere", "virtual", "flexible", "home", "distributed", "global"}
)

# Words after a name that make it a county or similar, not the city of that name ("Suffolk County, NY").
ADMIN_WORDS: frozenset[str] = frozenset({"county", "parish", "borough", "township"})
# Words that end a street's or a venue's name: a place name before them is part of that name ("150 Folsom
# St.", "1 Pennsylvania Plaza", "Givens Highland Farms", "Stanford Shopping Center", "Westfield Century
# City": a "… City" the gazetteer does not hold as a whole is not the place it starts with). Only capitalised
# words count; "Ct" and "Dr" are left out ("Greenwich CT"), and so is "Center" ("our Berlin Tech Center").
NAME_END_WORDS: frozenset[str] = frozenset({
    "st", "street", "ave", "avenue", "rd", "road", "blvd", "boulevard", "way", "drive", "lane", "ln", "pkwy",
    "parkway", "hwy", "highway", "plaza", "mall", "shopping", "galleria", "outlets", "farms", "estates",
    "commons", "marketplace", "shops", "place", "yards", "tower", "towers", "building", "city",
    # words that end the names of towns too small for the gazetteer ("Annapolis Junction", miles from
    # Annapolis): a place whose whole name we hold is looked up first, so these only keep a town we do not
    # hold from being cut to the city it begins with ("Heights", "Landing" are left out: "Needham Heights"
    # and "Boston Landing" lie in the city they begin with)
    "junction", "springs", "crossing",
})  # fmt: skip
# Words after a state's name that make it the state, not its city ("New York State").
STATE_WORDS: frozenset[str] = frozenset({"state"})

# GeoNames alternate names that nobody uses for the city, and that people type for something else: the
# name Topeka took for a month in 2010 as a stunt ("Google"), a programming language (Plovdiv's "Julia").
# "toda" is Spanish and Portuguese for "all" ("Toda España"), not Shimotoda, Japan.
# Other alternate names that are common English, German or Spanish words ("basic", "part", "spoken",
# "soul", "logos", "dabei", "marca"): old or foreign spellings of Henderson, Perth, Spokane, Seoul, Lagos,
# Dubai, Marka, which postings write the usual way.
NOT_ALTERNATE_NAMES: frozenset[str] = frozenset({
    "google", "julia", "toda", "part", "basic", "turn", "name", "drug", "spoken", "tape", "soul", "logos",
    "mins", "dabei", "siano", "hums", "pristine", "okay", "gold", "marca", "dual", "conception", "solo",
    "vanta", "gerne", "pets", "tour", "athena", "lion",
})  # fmt: skip

# Names written alike for a country and for a big city of another country, each as likely as the other:
# Arabic "عمان" is Oman and Amman (Jordan's capital). A lone one is read only where its text decides: the
# city's country named beside it, the country's own places, or a word for "city" or "sultanate" before it.
COUNTRY_OR_CITY_NAMES: frozenset[str] = frozenset({"عمان"})
# Words right before such a name that say which it is: "مدينة" (city of), "العاصمة" (the capital),
# "سلطنة" (sultanate of).
CITY_SENSE_WORDS: frozenset[str] = frozenset({"مدينة", "العاصمة", "بمدينة", "city"})
COUNTRY_SENSE_WORDS: frozenset[str] = frozenset({"سلطنة", "بسلطنة", "sultanate"})

# Cities of 15,000 people or more whose names are common words, or words of organisations' and venues'
# names, in English, French, German or Spanish ("Mobile Plaza", "Delta Air Lines", "Paramount Pictures",
# "Gap Inc.", "auch", "sur", "una"): towns only where a state or region qualifies them ("Mobile, AL",
# "Summit, NJ", "Vista, CA", "Ada, OK"), or a country right after a comma or bracket ("Como, Italy",
# "Gap (France)"). Big cities that are words too ("Nice", "Split", "Reading", "Perm") stay.
_WORD_TOWNS: tuple[str, ...] = (
    # English
    "can", "than", "most", "manage", "mobile", "hire", "come", "bar", "mentor", "much", "date", "goes",
    "along", "same", "deal", "peer", "save", "hit", "pace", "say", "gap", "dig", "humble", "holiday", "oral",
    "young", "superior", "university", "rich", "surprise", "green", "paramount", "mile", "greenfield",
    "marks", "pop", "fleet", "retreat", "boom", "golden", "sunrise", "semi", "spring", "normal",
    "alliance", "man", "police", "prosper", "punch", "delta", "pen", "orchards", "vista", "summit",
    "parole", "evergreen", "shaping", "borne", "lens", "yoga", "sake", "harvey", "david", "forest",
    # names of programming languages and tools ("Crystal", "Ada", "Erlang", "Cocoa", "Mocha", "Cypress")
    "crystal", "ada", "erlang", "cocoa", "mongo", "mocha", "kong", "puma", "cypress",
    # French, German, Spanish, Italian
    "auch", "sur", "ans", "terme", "cela", "una", "como", "ami", "nur", "sama",
)  # fmt: skip

# Words of NOT_PLACES that are also cities' and towns' names: places only where a state or country
# qualifies them ("Independence, MO", "Union, NJ", "Mission, TX"), as small towns are.
QUALIFIED_NOT_PLACES: frozenset[str] = frozenset({"independence", "liberty", "mission", "eagle", "union",
                                                  "enterprise", "hope", "center", "republic",
                                                  "opportunity", "progress", "march", "ware", "bank",
                                                  "federal", "media", *_WORD_TOWNS})  # fmt: skip

NOT_PLACES: frozenset[str] = frozenset(
    {
        *_WORD_TOWNS,
        "republic",
        "bank",  # "Bank of America Plaza": a town in India
        "federal",  # "Navy Federal Credit Union": a town in Argentina
        "media",  # "Media Lab": Médéa in Algeria; "Media, PA" is qualified
        "island",  # German for Iceland, and the end of "Long Island", "Rhode Island"
        "roles",
        "role",
        "positions",
        "jobs",
        "remote",
        "hybrid",
        "office",
        "offices",
        "hq",
        "headquarters",
        "onsite",
        "site",
        "based",
        "anywhere",
        "multiple",
        "location",
        "locations",
        "worldwide",
        "global",
        "flexible",
        "home",
        "work",
        "from",
        "field",
        "distributed",
        "virtual",
        "team",
        "center",
        "centre",
        "union",
        "opportunity",
        "enterprise",
        "independence",
        "liberty",
        "mission",
        "eagle",
        "progress",
        "best",
        "march",
        "buy",
        "ware",
        "hope",
        "of",
        "campus",
        "main",
        "city",
        "metro",
        "area",
        "region",
        "state",
        "county",
        "district",
        "north",
        "south",
        "east",
        "west",
        "central",
        "greater",
        "hub",
        "various",
        "travel",
        "national",
        "international",
        "us",
        "time",
        "bay",
        "standard",
        "pacific",
        "eastern",
        "mountain",
        "rest",  # "Rest of World": an old name of Rasht
    }
)
